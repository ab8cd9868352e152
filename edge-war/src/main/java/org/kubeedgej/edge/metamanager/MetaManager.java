package org.kubeedgej.edge.metamanager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.logging.Logger;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Keeps what the cloud sends: inserts, updates and patches are written to the meta table, deletes remove the
 * row. Only a stored message may be acknowledged, so this answers whether it stored it. What is stored is then
 * announced as a {@link StoredObjectEvent} to the modules that act on it.
 */
@ApplicationScoped
public class MetaManager {

    private static final Logger LOG = Logger.getLogger(MetaManager.class.getName());

    @Inject
    MetaRepository repository;

    @Inject
    Event<StoredObjectEvent> stored;

    /** For CDI. */
    public MetaManager() {
    }

    /**
     * For modules' tests outside this package.
     *
     * @param repository where objects are kept
     * @param stored where what is kept is announced
     */
    public MetaManager(MetaRepository repository, Event<StoredObjectEvent> stored) {
        this.repository = repository;
        this.stored = stored;
    }

    /**
     * A pod delete names the pod by UID (KubeEdge's cloud does when it removes a pod the edge reported but the cluster
     * no longer has): a different pod stored under that name must stay.
     */
    private boolean isAnotherPod(String key, JsonValue content) {
        String uid = uidOf(content);
        if (uid.isEmpty() || !ResourceTypes.POD.equals(ResourcePath.parseEdge(key).type())) {
            return false;
        }
        return repository.find(key).map(stored -> {
            try (JsonReader reader = Json.createReader(new StringReader(stored))) {
                String storedUid = uidOf(reader.readValue());
                return !storedUid.isEmpty() && !uid.equals(storedUid);
            } catch (RuntimeException unreadable) {
                return false;
            }
        }).orElse(false);
    }

    private static String uidOf(JsonValue content) {
        return content instanceof JsonObject o && o.get("metadata") instanceof JsonObject m
                && m.get("uid") instanceof JsonString uid ? uid.getString() : "";
    }

    /**
     * @param message a message from the cloud, resource in the edge form
     * @return whether the message is now kept (and may be acknowledged)
     */
    public boolean store(Message message) {
        String key = message.route().resource();
        String operation = message.route().operation();
        try {
            switch (operation) {
                case Operations.INSERT, Operations.UPDATE, Operations.PATCH ->
                        repository.save(key, ResourcePath.parseEdge(key).type(), message.content().toString());
                case Operations.DELETE -> {
                    if (isAnotherPod(key, message.content())) {
                        LOG.info(() -> "the cloud deleted pod " + key + " with UID " + uidOf(message.content())
                                + ", which this edge no longer holds (it holds a newer pod of that name); kept");
                        return true;
                    }
                    repository.delete(key);
                }
                default -> {
                    LOG.warning(() -> "MetaManager does not handle " + operation + " of " + key + " yet; not acknowledged");
                    return false;
                }
            }
            LOG.fine(() -> "MetaManager stored " + operation + " of " + key);
        } catch (RuntimeException e) {
            LOG.severe(() -> "MetaManager could not keep " + operation + " of " + key + " (not acknowledged; the"
                    + " cloud will resend): " + e.getMessage());
            return false;
        }
        try {
            stored.fire(new StoredObjectEvent(message));
        } catch (RuntimeException e) {
            // Stored is what the ack promises; a module that fails to act retries from the database.
            LOG.warning(() -> "an edge module failed on " + operation + " of " + key + ": " + e);
        }
        return true;
    }
}

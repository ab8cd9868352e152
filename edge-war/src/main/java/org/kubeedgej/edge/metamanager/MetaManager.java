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
import java.time.Clock;
import java.util.logging.Logger;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Keeps what the cloud sends: inserts, updates and patches are written to the meta table, deletes remove the
 * row. Only a stored message may be acknowledged, so this answers whether it stored it. What is stored is then
 * announced as a {@link StoredObjectEvent} to the modules that act on it. An insert or update the cloud sends again
 * after its ack was lost (cloudcore or edgecore went down) is acknowledged but not applied when it is older than what
 * is kept or its object was deleted here ({@link DeletedObjects}): a redelivery never brings back a deleted pod.
 */
@ApplicationScoped
public class MetaManager {

    private static final Logger LOG = Logger.getLogger(MetaManager.class.getName());

    @Inject
    MetaRepository repository;

    @Inject
    Event<StoredObjectEvent> stored;

    private volatile DeletedObjects deleted;

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

    /**
     * @return why an insert or update is one the cloud sent before (its ack was lost): the object was deleted here,
     *     or a newer version of it is kept; null when it is to be stored
     */
    private String staleness(String key, ObjectVersion incoming) {
        if (!incoming.hasUid()) {
            return null;
        }
        if (deleted().wasDeleted(incoming.uid())) {
            return "UID " + incoming.uid() + " was deleted on this edge; the cloud sent an earlier message again";
        }
        ObjectVersion kept = repository.find(key).map(MetaManager::versionOfJson)
                .orElse(new ObjectVersion("", ObjectVersion.UNKNOWN));
        if (incoming.isOlderThan(kept)) {
            return "resourceVersion " + incoming.resourceVersion() + " is older than the kept "
                    + kept.resourceVersion() + "; the cloud sent an earlier message again";
        }
        return null;
    }

    private synchronized DeletedObjects deleted() {
        DeletedObjects current = deleted;
        if (current == null) {
            current = new DeletedObjects(repository, Clock.systemUTC());
            deleted = current;
        }
        return current;
    }

    private static ObjectVersion versionOfJson(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return ObjectVersion.of(reader.readValue());
        } catch (RuntimeException unreadable) {
            return new ObjectVersion("", ObjectVersion.UNKNOWN);
        }
    }

    private static String uidOfJson(String json) {
        return versionOfJson(json).uid();
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
                case Operations.INSERT, Operations.UPDATE -> {
                    String stale = staleness(key, ObjectVersion.of(message.content()));
                    if (stale != null) {
                        LOG.info(() -> "MetaManager ignored " + operation + " of " + key + ": " + stale);
                        return true;
                    }
                    repository.save(key, ResourcePath.parseEdge(key).type(), message.content().toString());
                }
                case Operations.PATCH ->
                        repository.save(key, ResourcePath.parseEdge(key).type(), message.content().toString());
                case Operations.DELETE -> {
                    if (isAnotherPod(key, message.content())) {
                        LOG.info(() -> "the cloud deleted pod " + key + " with UID " + uidOf(message.content())
                                + ", which this edge no longer holds (it holds a newer pod of that name); kept");
                        return true;
                    }
                    String uid = uidOf(message.content());
                    String deletedUid = uid.isEmpty() ? repository.find(key).map(MetaManager::uidOfJson).orElse("")
                            : uid;
                    repository.delete(key);
                    if (!deletedUid.isEmpty()) {
                        deleted().remember(deletedUid, key);
                    }
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

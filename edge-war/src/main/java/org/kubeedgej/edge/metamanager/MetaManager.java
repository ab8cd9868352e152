package org.kubeedgej.edge.metamanager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;

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
                case Operations.DELETE -> repository.delete(key);
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

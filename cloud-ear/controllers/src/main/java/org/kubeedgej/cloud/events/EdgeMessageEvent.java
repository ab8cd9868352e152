package org.kubeedgej.cloud.events;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * A message an edge node sent up through CloudHub (not a keepalive or an ack), with its resource already in the
 * cloud form {@code node/<node>/...}, for the controller that owns its resource type. The controller that handles it
 * {@linkplain #take() takes} it, so a message that no controller takes can be answered as unknown rather than dropped
 * in silence.
 */
public final class EdgeMessageEvent {

    private final String nodeId;
    private final Message message;
    private final AtomicBoolean taken = new AtomicBoolean();

    /**
     * @param nodeId the node that sent it (from its certificate)
     * @param message the message
     */
    public EdgeMessageEvent(String nodeId, Message message) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.message = Objects.requireNonNull(message, "message");
    }

    /** @return the node that sent it (from its certificate) */
    public String nodeId() {
        return nodeId;
    }

    /** @return the message */
    public Message message() {
        return message;
    }

    /** Says that a controller handles this message (answered, written, or refused with a reason). */
    public void take() {
        taken.set(true);
    }

    /** @return whether some controller took the message */
    public boolean taken() {
        return taken.get();
    }

    /**
     * @return the object the message is about, when its resource is {@code node/<node>/<ns>/<type>/<name>}
     */
    public Optional<ResourcePath> objectPath() {
        try {
            return Optional.of(ResourcePath.parseCloud(message.route().resource()));
        } catch (IllegalArgumentException notAnObject) {
            return Optional.empty();
        }
    }

    /**
     * @param type a resource type
     * @param operation an operation
     * @return whether the message is that operation on an object of that type
     */
    public boolean is(String type, String operation) {
        return operation.equals(message.route().operation())
                && objectPath().map(p -> type.equals(p.type())).orElse(false);
    }

    @Override
    public String toString() {
        return "EdgeMessageEvent[node=" + nodeId + ", " + message.route() + "]";
    }
}

package org.kubeedgej.cloud.events;

import java.util.Objects;
import java.util.Optional;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * A message an edge node sent up through CloudHub (not a keepalive or an ack), with its resource already in the
 * cloud form {@code node/<node>/...}, for the controller that owns its resource type.
 *
 * @param nodeId the node that sent it (from its certificate)
 * @param message the message
 */
public record EdgeMessageEvent(String nodeId, Message message) {

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

    /** Checks that both parts are present. */
    public EdgeMessageEvent {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(message, "message");
    }
}

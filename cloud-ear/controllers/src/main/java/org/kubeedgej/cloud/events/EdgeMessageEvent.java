package org.kubeedgej.cloud.events;

import java.util.Objects;
import org.kubeedgej.shared.model.Message;

/**
 * A message an edge node sent up through CloudHub (not a keepalive or an ack), with its resource already in the
 * cloud form {@code node/<node>/...}, for the controller that owns its resource type.
 *
 * @param nodeId the node that sent it (from its certificate)
 * @param message the message
 */
public record EdgeMessageEvent(String nodeId, Message message) {

    /** Checks that both parts are present. */
    public EdgeMessageEvent {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(message, "message");
    }
}

package org.kubeedgej.cloud.events;

import java.util.Objects;

/**
 * An edge node acknowledged a message CloudHub sent it: a response whose parent_msg_id is the sent message's id.
 *
 * @param nodeId the node
 * @param parentMessageId the id of the message acknowledged
 * @param error whether the edge answered with an error instead of OK
 */
public record EdgeAckEvent(String nodeId, String parentMessageId, boolean error) {

    /** Checks that identifying fields are present. */
    public EdgeAckEvent {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(parentMessageId, "parentMessageId");
    }
}

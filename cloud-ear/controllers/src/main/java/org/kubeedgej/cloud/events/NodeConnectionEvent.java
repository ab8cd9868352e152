package org.kubeedgej.cloud.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An edge node's CloudHub session opened or closed (KubeEdge's cloudhub {@code connected}/{@code disconnected}).
 *
 * @param nodeId the node's name
 * @param projectId the KubeEdge project id the node connected with
 * @param connected true when the session opened, false when it closed
 * @param reason why it closed (empty when opened)
 * @param at when it happened
 */
public record NodeConnectionEvent(String nodeId, String projectId, boolean connected, String reason, Instant at) {

    /** Checks that identifying fields are present. */
    public NodeConnectionEvent {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}

package org.kubeedgej.cloud.events;

import java.util.Objects;

/**
 * An edge node opened its stream tunnel (CloudStream): the API server can now reach the node's pods' logs through
 * CloudCore's stream port, which the Node's kubelet endpoint is set to.
 *
 * @param nodeId the node's name
 * @param streamPort CloudCore's stream port
 */
public record StreamTunnelEvent(String nodeId, int streamPort) {

    /** Checks that the node is named. */
    public StreamTunnelEvent {
        Objects.requireNonNull(nodeId, "nodeId");
    }
}

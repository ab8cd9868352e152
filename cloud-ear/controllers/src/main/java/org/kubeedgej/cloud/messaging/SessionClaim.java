package org.kubeedgej.cloud.messaging;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A replica's word that an edge node opened a CloudHub session on it at a time. Two claims for one node are ordered
 * the same way on every replica (time, then replica id), so when a partition leaves a node with a session on two
 * replicas, all agree which one is newer and the older one is closed.
 *
 * @param nodeId the node
 * @param replicaId the replica holding the session ({@code leaderElection.identity})
 * @param connectedAt when the session opened, by that replica's clock
 */
public record SessionClaim(String nodeId, String replicaId, Instant connectedAt) {

    private static final Comparator<SessionClaim> ORDER = Comparator.comparing(SessionClaim::connectedAt)
            .thenComparing(SessionClaim::replicaId);

    public SessionClaim {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(connectedAt, "connectedAt");
    }

    /** @return whether this claim wins over {@code other} (same node assumed) */
    public boolean isNewerThan(SessionClaim other) {
        return ORDER.compare(this, other) > 0;
    }
}

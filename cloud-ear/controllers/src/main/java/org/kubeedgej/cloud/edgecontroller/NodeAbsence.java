package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an edge node with no session on this replica counts as gone, for {@link NodeReadyMonitor}. The replica that
 * leads sees only its own sessions, so the node's own heartbeat (its Ready condition's lastHeartbeatTime, which the
 * edge renews every nodeStatusUpdateFrequency, 10 s, and whichever replica holds its session writes) also counts:
 * the node is gone once the grace period has passed since the latest of its disconnect here, its last heartbeat,
 * and, for a node this replica has never had a session of, the start of its leadership plus the startup grace
 * period (edges reconnect with backoff after a restart or a takeover). With one replica this is the rule of before:
 * the heartbeat is older than the disconnect.
 *
 * @param disconnectedHere when its session here ended, if its last event here was a disconnect
 * @param neverSeenHere whether this replica has had no session of it since it started
 * @param heartbeat the node's last reported heartbeat, if any
 */
record NodeAbsence(Optional<Instant> disconnectedHere, boolean neverSeenHere, Optional<Instant> heartbeat) {

    /**
     * @param leadingSince when this replica became leader
     * @param grace the node grace period
     * @param startupGrace the node startup grace period
     * @param now the time now: a heartbeat from the future (a fast edge clock) counts as now
     * @return when the node counts as gone
     */
    Instant goneAt(Instant leadingSince, Duration grace, Duration startupGrace, Instant now) {
        Instant latest = Instant.MIN;
        if (disconnectedHere.isPresent()) {
            latest = disconnectedHere.get().plus(grace);
        }
        if (heartbeat.isPresent()) {
            Instant beat = heartbeat.get().isAfter(now) ? now : heartbeat.get();
            latest = max(latest, beat.plus(grace));
        }
        if (neverSeenHere) {
            latest = max(latest, leadingSince.plus(startupGrace));
        }
        return latest;
    }

    /** @return the Ready condition's lastHeartbeatTime, if the node has one */
    static Optional<Instant> heartbeatOf(V1Node node) {
        if (node == null || node.getStatus() == null || node.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return node.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .map(V1NodeCondition::getLastHeartbeatTime)
                .filter(t -> t != null)
                .map(t -> t.toInstant())
                .findFirst();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

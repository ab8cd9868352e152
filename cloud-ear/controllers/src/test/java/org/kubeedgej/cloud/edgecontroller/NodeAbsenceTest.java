package org.kubeedgej.cloud.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a node without a session on the leading replica counts as gone. */
class NodeAbsenceTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(40);
    private static final Duration STARTUP_GRACE = Duration.ofSeconds(60);
    private static final Instant NOW = T0.plusSeconds(1000);

    private static Instant goneAt(Optional<Instant> disconnected, boolean neverSeen, Optional<Instant> heartbeat,
            Instant leadingSince) {
        return new NodeAbsence(disconnected, neverSeen, heartbeat).goneAt(leadingSince, GRACE, STARTUP_GRACE, NOW);
    }

    @Test
    void aDisconnectHereCountsFromTheDisconnectAsBefore() {
        assertEquals(T0.plusSeconds(140), goneAt(Optional.of(T0.plusSeconds(100)), false,
                Optional.of(T0.plusSeconds(95)), T0));
    }

    @Test
    void aNodeNeverSeenHereGetsTheStartupGraceFromTheStartOfLeadership() {
        assertEquals(T0.plusSeconds(60), goneAt(Optional.empty(), true, Optional.empty(), T0));
        assertEquals(T0.plusSeconds(560), goneAt(Optional.empty(), true, Optional.of(T0.plusSeconds(10)),
                T0.plusSeconds(500)), "a takeover gives the nodes of the old leader time to reconnect");
    }

    @Test
    void aNodeReportingThroughAnotherReplicaIsNotGone() {
        Instant beat = NOW.minusSeconds(5);
        assertEquals(beat.plus(GRACE), goneAt(Optional.empty(), true, Optional.of(beat), T0));
        assertEquals(beat.plus(GRACE), goneAt(Optional.of(T0.plusSeconds(100)), false, Optional.of(beat), T0),
                "it left this replica for another one");
    }

    @Test
    void aHeartbeatFromTheFutureCountsAsNow() {
        assertEquals(NOW.plus(GRACE), goneAt(Optional.empty(), true, Optional.of(NOW.plusSeconds(3600)), T0));
    }
}

package org.kubeedgej.edge.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** KubeEdge's rule: rotate at a random point between 70 % and 90 % of the certificate's lifetime. */
class RotationScheduleTest {

    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(365));

    @Test
    void windowEndsAreSeventyAndNinetyPercent() {
        assertEquals(NOT_BEFORE.plus(Duration.ofMillis((long) (Duration.ofDays(365).toMillis() * 0.7))),
                RotationSchedule.deadline(NOT_BEFORE, NOT_AFTER, 0));
        Instant latest = RotationSchedule.deadline(NOT_BEFORE, NOT_AFTER, Math.nextDown(1.0));
        assertTrue(Duration.between(latest, NOT_BEFORE.plus(Duration.ofMillis(
                (long) (Duration.ofDays(365).toMillis() * 0.9)))).abs().toMillis() < 2);
    }

    @Test
    void deadlinesSpreadOverTheWholeWindowAndNeverLeaveIt() {
        SplittableRandom random = new SplittableRandom(42);
        long lifetime = Duration.between(NOT_BEFORE, NOT_AFTER).toMillis();
        double min = 1;
        double max = 0;
        for (int i = 0; i < 10_000; i++) {
            Instant d = RotationSchedule.deadline(NOT_BEFORE, NOT_AFTER, random.nextDouble());
            double fraction = Duration.between(NOT_BEFORE, d).toMillis() / (double) lifetime;
            assertTrue(fraction >= 0.7 && fraction < 0.9, "fraction " + fraction);
            min = Math.min(min, fraction);
            max = Math.max(max, fraction);
        }
        assertTrue(min < 0.705 && max > 0.895, "spread " + min + ".." + max);
    }

    @Test
    void shortLivedCertificatesFollowTheSameRule() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Instant d = RotationSchedule.deadline(start, start.plusSeconds(100), 0.5);
        assertEquals(start.plusSeconds(80), d);
    }

    @Test
    void tryToDrawOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> RotationSchedule.deadline(NOT_BEFORE, NOT_AFTER, 1.0));
        assertThrows(IllegalArgumentException.class, () -> RotationSchedule.deadline(NOT_BEFORE, NOT_AFTER, -0.1));
    }

    @Test
    void retriesBackOffLikeKubeEdgeThenStayAtThirtyTwoSeconds() {
        assertEquals(Duration.ofSeconds(2), RotationSchedule.retryDelay(1));
        assertEquals(Duration.ofSeconds(4), RotationSchedule.retryDelay(2));
        assertEquals(Duration.ofSeconds(16), RotationSchedule.retryDelay(4));
        assertEquals(Duration.ofSeconds(32), RotationSchedule.retryDelay(5));
        assertEquals(Duration.ofSeconds(32), RotationSchedule.retryDelay(50));
    }
}

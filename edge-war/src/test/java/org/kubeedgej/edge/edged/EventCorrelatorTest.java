package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** client-go's correlation rules: counting repeats, aggregating similar events, the per-object token bucket. */
class EventCorrelatorTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
    private final PodRef pod = new PodRef("default", "web", "uid-1", false);
    private final EventReference main = EventReference.container(pod, "main");
    private final EventCorrelator underTest = new EventCorrelator(64, 10, Duration.ofMinutes(10),
            new EventSpamFilter(25, Duration.ofMinutes(5), 64));

    @Test
    void theSameEventAgainIsCountedOnTheFirstOnesName() {
        CorrelatedEvent first = correlate(main, "BackOff", "Back-off restarting", T0).orElseThrow();
        CorrelatedEvent second = correlate(main, "BackOff", "Back-off restarting", T0.plusSeconds(20)).orElseThrow();
        assertEquals(1, first.count());
        assertFalse(first.repeat());
        assertEquals(first.name(), second.name());
        assertEquals(2, second.count());
        assertTrue(second.repeat());
        assertEquals(T0, second.firstTimestamp());
        assertEquals(T0.plusSeconds(20), second.lastTimestamp());
        // Counted however long ago, while remembered (client-go's event log has no time limit).
        assertEquals(3, correlate(main, "BackOff", "Back-off restarting", T0.plus(Duration.ofHours(5)))
                .orElseThrow().count());
    }

    @Test
    void aDifferentMessageReasonOrContainerIsAnotherEvent() {
        String name = correlate(main, "Started", "Started container main", T0).orElseThrow().name();
        assertNotEquals(name, correlate(main, "Started", "Started container other", T0).orElseThrow().name());
        assertNotEquals(name, correlate(main, "Created", "Started container main", T0).orElseThrow().name());
        assertNotEquals(name, correlate(EventReference.container(pod, "side"), "Started", "Started container main",
                T0).orElseThrow().name());
    }

    @Test
    void namesAreTheObjectsNameAndRisingHexNanosEvenWithinOneTick() {
        CorrelatedEvent a = correlate(main, "Created", "a", T0).orElseThrow();
        CorrelatedEvent b = correlate(main, "Started", "b", T0).orElseThrow();
        long nanos = T0.getEpochSecond() * 1_000_000_000L + T0.getNano();
        assertEquals("web." + Long.toHexString(nanos), a.name());
        assertEquals("web." + Long.toHexString(nanos + 1), b.name());
    }

    @Test
    void tenDifferentMessagesOfOneReasonWithinTheWindowAreCombined() {
        for (int i = 1; i <= 9; i++) {
            CorrelatedEvent e = correlate(main, "Unhealthy", "probe failed " + i, T0.plusSeconds(i)).orElseThrow();
            assertEquals("probe failed " + i, e.event().message());
        }
        CorrelatedEvent tenth = correlate(main, "Unhealthy", "probe failed 10", T0.plusSeconds(10)).orElseThrow();
        assertEquals(EventCorrelator.COMBINED + "probe failed 10", tenth.event().message());
        assertEquals(1, tenth.count());
        CorrelatedEvent eleventh = correlate(main, "Unhealthy", "probe failed 11", T0.plusSeconds(11)).orElseThrow();
        assertEquals(tenth.name(), eleventh.name(), "later ones count on the combined Event");
        assertEquals(2, eleventh.count());
        assertEquals(EventCorrelator.COMBINED + "probe failed 11", eleventh.event().message());
    }

    @Test
    void similarMessagesFurtherApartThanTheWindowAreNotCombined() {
        for (int i = 1; i <= 12; i++) {
            CorrelatedEvent e = correlate(main, "Unhealthy", "probe failed " + i, T0.plus(Duration.ofMinutes(11L * i)))
                    .orElseThrow();
            assertEquals("probe failed " + i, e.event().message());
        }
    }

    @Test
    void anObjectGetsABurstOf25ThenOneEventPerFiveMinutes() {
        for (int i = 0; i < 25; i++) {
            assertTrue(correlate(main, "BackOff", "x", T0).isPresent(), "event " + i + " of the burst");
        }
        assertTrue(correlate(main, "BackOff", "x", T0.plusSeconds(10)).isEmpty(), "26th within the burst");
        assertTrue(correlate(EventReference.container(pod, "side"), "BackOff", "x", T0.plusSeconds(10)).isEmpty(),
                "the pod's containers share its bucket");
        EventReference other = EventReference.container(new PodRef("default", "db", "uid-2", false), "main");
        assertTrue(correlate(other, "BackOff", "x", T0.plusSeconds(10)).isPresent(), "another pod is not throttled");
        Optional<CorrelatedEvent> refilled = correlate(main, "BackOff", "x", T0.plusSeconds(301));
        assertTrue(refilled.isPresent(), "one token after five minutes");
        assertEquals(27, refilled.get().count(), "throttled occurrences still count, as in client-go");
        assertTrue(correlate(main, "BackOff", "x", T0.plusSeconds(302)).isEmpty());
    }

    @Test
    void cachesAreBounded() {
        EventCorrelator small = new EventCorrelator(2, 10, Duration.ofMinutes(10),
                new EventSpamFilter(25, Duration.ofMinutes(5), 2));
        String first = small.correlate(event(main, "Started", "a"), T0).orElseThrow().name();
        small.correlate(event(main, "Started", "b"), T0);
        small.correlate(event(main, "Started", "c"), T0);
        CorrelatedEvent again = small.correlate(event(main, "Started", "a"), T0).orElseThrow();
        assertNotEquals(first, again.name(), "the oldest was forgotten, so it is a new Event");
        assertEquals(1, again.count());
    }

    @Test
    void longMessagesAreCut() {
        String message = "x".repeat(5000);
        assertEquals(EventCorrelator.MAX_MESSAGE, correlate(main, "Unhealthy", message, T0).orElseThrow().event()
                .message().length());
    }

    private Optional<CorrelatedEvent> correlate(EventReference ref, String reason, String message, Instant now) {
        return underTest.correlate(event(ref, reason, message), now);
    }

    private static RecordedEvent event(EventReference ref, String reason, String message) {
        return new RecordedEvent(ref, RecordedEvent.WARNING, reason, message);
    }
}

package org.kubeedgej.edge.edged;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns occurrences into Events the way client-go's EventCorrelator does, so {@code kubectl get events} reads as it
 * does for a kubelet:
 * <ul>
 * <li>the same object, type, reason and message again is the same Event with count + 1 and a new lastTimestamp
 * (sent as a patch of that Event's name), however long ago it was first seen while it is remembered;</li>
 * <li>when an object's events of one type and reason come with {@code aggregateMax} different messages within
 * {@code aggregateWindow} of each other, they are counted on one Event whose message starts
 * "(combined from similar events): ";</li>
 * <li>an {@link EventSpamFilter} drops what goes beyond its bucket.</li>
 * </ul>
 * Every cache is a {@link BoundedLru}; messages are cut to {@value #MAX_MESSAGE} characters. Time comes in as an
 * argument, so tests drive it. Thread-safe.
 */
final class EventCorrelator {

    static final int MAX_MESSAGE = 1024;
    static final String COMBINED = "(combined from similar events): ";

    private record Observation(int count, Instant first, String name) {
    }

    private static final class Aggregate {
        final Set<String> messages = new HashSet<>();
        Instant last;
    }

    private final int aggregateMax;
    private final Duration aggregateWindow;
    private final EventSpamFilter spam;
    private final BoundedLru<String, Aggregate> aggregates;
    private final BoundedLru<String, Observation> observations;
    /** The last name suffix given, so two events in one clock tick still get different names. */
    private final AtomicLong lastNanos = new AtomicLong();

    /**
     * @param capacity entries each cache keeps (client-go: 4096)
     * @param aggregateMax different messages that start aggregation (client-go: 10)
     * @param aggregateWindow how close together they must come (client-go: 10 minutes)
     * @param spam the per-object throttle
     */
    EventCorrelator(int capacity, int aggregateMax, Duration aggregateWindow, EventSpamFilter spam) {
        this.aggregateMax = aggregateMax;
        this.aggregateWindow = aggregateWindow;
        this.spam = spam;
        this.aggregates = new BoundedLru<>(capacity);
        this.observations = new BoundedLru<>(capacity);
    }

    /** @return the Event to send, or empty when the object's events are throttled */
    synchronized Optional<CorrelatedEvent> correlate(RecordedEvent occurrence, Instant now) {
        RecordedEvent event = occurrence.message().length() <= MAX_MESSAGE ? occurrence
                : occurrence.withMessage(occurrence.message().substring(0, MAX_MESSAGE));
        EventReference o = event.object();
        String similar = String.join("\u0000", o.kind(), o.namespace(), o.name(), o.uid(), o.apiVersion(),
                event.type(), event.reason());
        String key = similar + "\u0000" + o.fieldPath() + "\u0000" + event.message();

        Aggregate aggregate = aggregates.get(similar);
        if (aggregate == null || Duration.between(aggregate.last, now).compareTo(aggregateWindow) > 0) {
            aggregate = new Aggregate();
            aggregates.put(similar, aggregate);
        }
        aggregate.messages.add(event.message());
        aggregate.last = now;
        if (aggregate.messages.size() >= aggregateMax) {
            // Keep the set below the threshold (any one goes), so later different messages keep aggregating.
            Iterator<String> any = aggregate.messages.iterator();
            any.next();
            any.remove();
            event = event.withMessage(COMBINED + event.message());
            key = similar;
        }

        Observation seen = observations.get(key);
        Observation next = seen == null ? new Observation(1, now, name(o.name(), now))
                : new Observation(seen.count() + 1, seen.first(), seen.name());
        observations.put(key, next);
        if (spam.throttled(o, now)) {
            return Optional.empty();
        }
        return Optional.of(new CorrelatedEvent(next.name(), event, next.count(), next.first(), now));
    }

    /** client-go's event name: the object's name and the time in hexadecimal nanoseconds, here strictly rising. */
    private String name(String objectName, Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long unique = lastNanos.updateAndGet(last -> Math.max(last + 1, nanos));
        return objectName + "." + Long.toHexString(unique);
    }
}

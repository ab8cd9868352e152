package org.kubeedgej.edge.edged;

import java.time.Instant;

/**
 * An Event as it goes to the API: a new one (count 1, {@code insert}) or a repeat of one sent before under the same
 * name with a higher count and a later lastTimestamp (a {@code patch}).
 *
 * @param name the Event's name, {@code <object name>.<hex nanoseconds>} of its first occurrence
 * @param event what happened (the message may be an aggregate's)
 * @param count how often it happened
 * @param firstTimestamp its first occurrence
 * @param lastTimestamp this occurrence
 */
record CorrelatedEvent(String name, RecordedEvent event, int count, Instant firstTimestamp, Instant lastTimestamp) {

    /** @return whether this repeats an Event sent before (so it is a patch of that Event) */
    boolean repeat() {
        return count > 1;
    }
}

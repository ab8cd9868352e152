package org.kubeedgej.edge.edged;

import java.time.Duration;
import java.time.Instant;

/**
 * Throttles the events about one object (all its containers together), as client-go's spam filter does: a token
 * bucket per source and object that starts full with {@code burst} tokens and gains one every {@code refill}. An
 * object that is always unhealthy so reports a burst, then one event per refill period, not one per sync. The
 * buckets are kept in a {@link BoundedLru}: a forgotten object starts again with a full bucket.
 */
final class EventSpamFilter {

    private static final class Bucket {
        double tokens;
        Instant last;

        Bucket(double tokens, Instant last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private final int burst;
    private final double perNano;
    private final BoundedLru<String, Bucket> buckets;

    EventSpamFilter(int burst, Duration refill, int capacity) {
        if (burst < 1 || refill.isZero() || refill.isNegative()) {
            throw new IllegalArgumentException("burst must be positive and refill longer than zero");
        }
        this.burst = burst;
        this.perNano = 1.0 / refill.toNanos();
        this.buckets = new BoundedLru<>(capacity);
    }

    /** @return whether the event must be dropped (its object has no token left); takes a token if not */
    synchronized boolean throttled(EventReference object, Instant now) {
        String key = object.kind() + "\u0000" + object.namespace() + "\u0000" + object.name() + "\u0000"
                + object.uid() + "\u0000" + object.apiVersion();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        if (now.isAfter(b.last)) {
            b.tokens = Math.min(burst, b.tokens + Duration.between(b.last, now).toNanos() * perNano);
            b.last = now;
        }
        if (b.tokens < 1) {
            return true;
        }
        b.tokens -= 1;
        return false;
    }
}

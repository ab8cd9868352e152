package org.kubeedgej.edge.devicetwin;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * DeviceTwin's requests since start and their time from EventBus's receipt to the MQTT answer (the twin stored):
 * a count, a sum (so a scraper gets the mean over any interval) and the largest since the last read.
 */
public final class RequestLatency {

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
        long value = Math.max(0, nanos);
        count.incrementAndGet();
        totalNanos.addAndGet(value);
        maxNanos.accumulate(value);
    }

    public long count() {
        return count.get();
    }

    public double totalSeconds() {
        return totalNanos.get() / 1e9;
    }

    /** @return the largest since the previous call, then starts again */
    public double maxSecondsSinceLastRead() {
        return maxNanos.getThenReset() / 1e9;
    }
}

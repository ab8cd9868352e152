package org.kubeedgej.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** One downstream run (one node count, one rate): what was sent, what was acked and how long that took. */
final class DeliveryWindow {

    private final int nodes;
    private final int targetRate;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile long firstSendNanos;
    private volatile long lastSendNanos;
    private volatile long lastAckNanos;
    private long[] latencies = new long[1024];
    private int latencyCount;

    DeliveryWindow(int nodes, int targetRate) {
        this.nodes = nodes;
        this.targetRate = targetRate;
    }

    void sent() {
        long now = System.nanoTime();
        if (sent.getAndIncrement() == 0) {
            firstSendNanos = now;
        }
        lastSendNanos = now;
    }

    synchronized void acked(long latencyMillis) {
        acked.incrementAndGet();
        lastAckNanos = System.nanoTime();
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = latencyMillis;
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    int nodes() {
        return nodes;
    }

    int targetRate() {
        return targetRate;
    }

    long sentCount() {
        return sent.get();
    }

    long ackedCount() {
        return acked.get();
    }

    long duplicateCount() {
        return duplicates.get();
    }

    /** @return messages sent per second over the sending time */
    double sendRate() {
        double seconds = (lastSendNanos - firstSendNanos) / 1e9;
        return seconds <= 0 ? 0 : (sent.get() - 1) / seconds;
    }

    /** @return acks per second from the first send to the last ack */
    double ackRate() {
        double seconds = (lastAckNanos - firstSendNanos) / 1e9;
        return seconds <= 0 ? 0 : acked.get() / seconds;
    }

    /**
     * @param fraction 0.5 for the median, 1 for the maximum
     * @return that latency in ms, or -1 without acks
     */
    synchronized long latencyPercentile(double fraction) {
        if (latencyCount == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

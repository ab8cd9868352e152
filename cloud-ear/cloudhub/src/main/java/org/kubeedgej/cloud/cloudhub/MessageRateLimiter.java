package org.kubeedgej.cloud.cloudhub;

/**
 * A token bucket per node (KubeEdge's messageQPS/messageBurst): {@code burst} messages at once, refilled at
 * {@code qps} per second. One flooding node is throttled without touching anyone else's session.
 */
final class MessageRateLimiter {

    private final double qps;
    private final double burst;
    private double tokens;
    private long lastNanos;

    MessageRateLimiter(int qps, int burst) {
        if (qps <= 0 || burst <= 0) {
            throw new IllegalArgumentException("qps and burst must be positive, got " + qps + " and " + burst);
        }
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = System.nanoTime();
    }

    /** @return whether one more message may pass now */
    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}

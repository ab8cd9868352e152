package org.kubeedgej.shared.tunnel;

/**
 * A token bucket per node (KubeEdge's messageQPS/messageBurst): {@code burst} messages at once, refilled at
 * {@code qps} per second. CloudHub drops what a node sends beyond it (one flooding node is throttled without
 * touching anyone else's session); EdgeHub waits for a token, so it never sends what CloudHub would drop.
 */
public final class MessageRateLimiter {

    private final double qps;
    private final double burst;
    private double tokens;
    private long lastNanos;

    /**
     * @param qps tokens per second
     * @param burst the bucket's size
     */
    public MessageRateLimiter(int qps, int burst) {
        if (qps <= 0 || burst <= 0) {
            throw new IllegalArgumentException("qps and burst must be positive, got " + qps + " and " + burst);
        }
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = System.nanoTime();
    }

    /** @return whether one more message may pass now */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * Waits until one more message may pass, then takes its token.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    return;
                }
                waitNanos = (long) Math.ceil((1 - tokens) / qps * 1e9);
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 100_000));
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
        lastNanos = now;
    }
}

package org.kubeedgej.cloud.cloudhub;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kubeedgej.shared.tunnel.MessageRateLimiter;

/** One edge node's open CloudHub session: its WebSocket, when it last spoke, and its message budget. */
final class NodeSession {

    private static final Logger LOG = Logger.getLogger(NodeSession.class.getName());

    private final String nodeId;
    private final String projectId;
    private final Session session;
    private final MessageRateLimiter limiter;
    private final Instant connectedAt = Instant.now();
    private volatile long lastSeenNanos = System.nanoTime();
    private volatile long lastThrottleLogNanos;
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    NodeSession(String nodeId, String projectId, Session session, MessageRateLimiter limiter) {
        this.nodeId = nodeId;
        this.projectId = projectId;
        this.session = session;
        this.limiter = limiter;
    }

    String nodeId() {
        return nodeId;
    }

    String projectId() {
        return projectId;
    }

    Session session() {
        return session;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    void touch() {
        lastSeenNanos = System.nanoTime();
    }

    long silentNanos() {
        return System.nanoTime() - lastSeenNanos;
    }

    boolean tryAcquire() {
        return limiter.tryAcquire();
    }

    /** @return whether a throttling warning may be logged now (at most one per second per node) */
    boolean shouldLogThrottle() {
        long now = System.nanoTime();
        if (now - lastThrottleLogNanos > 1_000_000_000L) {
            lastThrottleLogNanos = now;
            return true;
        }
        return false;
    }

    /** A message waiting to be written, and what to run once it was (null: nothing). */
    private record Outgoing(String text, Runnable written) {}

    /**
     * Sends text in order without blocking the caller on a slow edge: a WebSocket allows one asynchronous send at
     * a time, so messages wait in a queue and each completed send starts the next.
     */
    void send(String text) {
        send(text, null);
    }

    /**
     * As {@link #send(String)}, then runs {@code written} when the write has completed (or failed), on the
     * container's thread; not run if the session closes first.
     */
    void send(String text, Runnable written) {
        outbox.add(new Outgoing(text, written));
        if (sending.compareAndSet(false, true)) {
            sendNext();
        }
    }

    private void sendNext() {
        Outgoing next = outbox.poll();
        if (next == null) {
            sending.set(false);
            // A send queued between poll() and set(false) must not wait for the next caller.
            if (!outbox.isEmpty() && sending.compareAndSet(false, true)) {
                sendNext();
            }
            return;
        }
        if (!session.isOpen()) {
            outbox.clear();
            sending.set(false);
            return;
        }
        try {
            session.getAsyncRemote().sendText(next.text(), result -> {
                if (!result.isOK()) {
                    LOG.warning(() -> "cloudhub could not send to node " + nodeId + ": " + result.getException());
                }
                if (next.written() != null) {
                    next.written().run();
                }
                sendNext();
            });
        } catch (RuntimeException e) {
            // Without this the outbox would wait forever for a completion that never comes. Unacked messages are
            // sent again by NodeDelivery; closing makes the edge reconnect to a clean session.
            LOG.warning(() -> "cloudhub could not send to node " + nodeId + " (" + e + "); closing its session so"
                    + " it reconnects");
            outbox.clear();
            sending.set(false);
            close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed: " + e.getMessage());
        }
    }

    void close(CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                // Close reasons are limited to 123 bytes on the wire.
                session.close(new CloseReason(code, reason.length() > 120 ? reason.substring(0, 120) : reason));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the session of node " + nodeId, e);
        }
    }
}

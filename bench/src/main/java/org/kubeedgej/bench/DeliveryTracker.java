package org.kubeedgej.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages put on node queues and not yet acked by their edge. The producer registers each message before
 * sending it; the edge that receives it reports its ack here, with latency = ack time - header.timestamp.
 */
final class DeliveryTracker {

    private final Map<String, DeliveryWindow> pending = new ConcurrentHashMap<>();
    private final Map<String, DeliveryWindow> settled = new ConcurrentHashMap<>();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder errorReplies = new LongAdder();

    /** @param msgId a message about to be sent, counted in window */
    void register(String msgId, DeliveryWindow window) {
        pending.put(msgId, window);
        window.sent();
    }

    /**
     * @param msgId the message the edge acked
     * @param sentMillis its header.timestamp
     * @param ackMillis when the ack was sent
     */
    void acked(String msgId, long sentMillis, long ackMillis) {
        DeliveryWindow window = pending.remove(msgId);
        if (window != null) {
            window.acked(ackMillis - sentMillis);
            settled.put(msgId, window);
            return;
        }
        DeliveryWindow earlier = settled.get(msgId);
        if (earlier != null) {
            earlier.duplicate(); // CloudHub sent it again (no ack within its ackTimeout)
        } else {
            unknown.increment();
        }
    }

    /** CloudHub answered the edge with an error message (rate limit, malformed). */
    void errorReply() {
        errorReplies.increment();
    }

    /**
     * @param window a window
     * @return its messages still without an ack
     */
    long unacked(DeliveryWindow window) {
        return pending.values().stream().filter(w -> w == window).count();
    }

    /** Forgets settled ids (duplicate detection only matters within a run). */
    void clearSettled() {
        settled.clear();
    }

    long unknownMessages() {
        return unknown.sum();
    }

    long errorReplies() {
        return errorReplies.sum();
    }
}

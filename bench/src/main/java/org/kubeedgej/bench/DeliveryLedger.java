package org.kubeedgej.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every message of a broker run by sequence number: when its send began and was acknowledged, when it was first
 * received and how often. Per node, a first receipt of a lower sequence than one already received counts as out of
 * order (each node's messages come from one sender thread, in sequence order). Times are System.nanoTime of this
 * one JVM, so send-to-receive needs no clock agreement.
 */
final class DeliveryLedger {

    private final AtomicLong next = new AtomicLong();
    private final AtomicLongArray sentAt;
    private final AtomicLongArray ackedAt;
    private final AtomicLongArray receivedAt;
    private final AtomicIntegerArray nodeOf;
    private final AtomicIntegerArray receipts;
    private final AtomicLongArray lastPerNode;
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong lastReceipt = new AtomicLong();

    DeliveryLedger(int capacity, int nodes) {
        sentAt = new AtomicLongArray(capacity);
        ackedAt = new AtomicLongArray(capacity);
        receivedAt = new AtomicLongArray(capacity);
        nodeOf = new AtomicIntegerArray(capacity);
        receipts = new AtomicIntegerArray(capacity);
        lastPerNode = new AtomicLongArray(nodes);
        for (int i = 0; i < nodes; i++) {
            lastPerNode.set(i, -1);
        }
    }

    /** @return the new message's sequence number, or -1 when the ledger is full */
    int begin(int node, long now) {
        long seq = next.getAndIncrement();
        if (seq >= sentAt.length()) {
            return -1;
        }
        sentAt.set((int) seq, now);
        nodeOf.set((int) seq, node);
        return (int) seq;
    }

    void acked(int seq, long now) {
        ackedAt.set(seq, now);
    }

    void failedAttempt() {
        failedAttempts.incrementAndGet();
    }

    void received(int seq, long now) {
        if (seq < 0 || seq >= receipts.length()) {
            return;
        }
        lastReceipt.set(now);
        if (receipts.incrementAndGet(seq) > 1) {
            duplicates.incrementAndGet();
            return;
        }
        receivedAt.set(seq, now);
        long before = lastPerNode.getAndAccumulate(nodeOf.get(seq), seq, Math::max);
        if (before > seq) {
            outOfOrder.incrementAndGet();
        }
    }

    int size() {
        return (int) Math.min(next.get(), sentAt.length());
    }

    long lastReceipt() {
        return lastReceipt.get();
    }

    long outOfOrder() {
        return outOfOrder.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    /** @return messages first received in [from, to) */
    int receivedBetween(long from, long to) {
        int count = 0;
        for (int i = 0; i < size(); i++) {
            long at = receivedAt.get(i);
            if (at != 0 && at >= from && at < to) {
                count++;
            }
        }
        return count;
    }

    /** @return send-to-first-receipt in microseconds of messages first received in [from, to), sorted */
    List<Long> latenciesMicros(long from, long to) {
        return sinceSent(receivedAt, from, to);
    }

    /** @return send-to-acknowledgement in microseconds of sends acknowledged in [from, to), sorted */
    List<Long> sendMicros(long from, long to) {
        return sinceSent(ackedAt, from, to);
    }

    private List<Long> sinceSent(AtomicLongArray event, long from, long to) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            long at = event.get(i);
            if (at != 0 && at >= from && at < to) {
                micros.add((at - sentAt.get(i)) / 1000);
            }
        }
        Collections.sort(micros);
        return micros;
    }

    /** @return sequence numbers acknowledged by a broker and not received (yet) */
    List<Integer> missing() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (ackedAt.get(i) != 0 && receipts.get(i) == 0) {
                missing.add(i);
            }
        }
        return missing;
    }

    /** @return acknowledged sends whose first attempt began before {@code at} (or at or after it, when after) */
    int ackedSentBefore(long at, boolean after) {
        int count = 0;
        for (int i = 0; i < size(); i++) {
            if (ackedAt.get(i) != 0 && (sentAt.get(i) < at) != after) {
                count++;
            }
        }
        return count;
    }

    long sentAt(int seq) {
        return sentAt.get(seq);
    }

    long receivedAt(int seq) {
        return receivedAt.get(seq);
    }

    /** @return the earliest acknowledgement of a send begun at or after {@code at}, or 0 */
    long firstAckAfter(long at) {
        long first = 0;
        for (int i = 0; i < size(); i++) {
            long acked = ackedAt.get(i);
            if (acked != 0 && sentAt.get(i) >= at && (first == 0 || acked < first)) {
                first = acked;
            }
        }
        return first;
    }

    /**
     * @param at the kill
     * @param nodes how many nodes
     * @return per node, the first receipt of a message sent at or after {@code at} (0: none)
     */
    long[] firstReceiptPerNodeAfter(long at, int nodes) {
        long[] first = new long[nodes];
        for (int i = 0; i < size(); i++) {
            long received = receivedAt.get(i);
            int node = nodeOf.get(i);
            if (received != 0 && sentAt.get(i) >= at && (first[node] == 0 || received < first[node])) {
                first[node] = received;
            }
        }
        return first;
    }
}

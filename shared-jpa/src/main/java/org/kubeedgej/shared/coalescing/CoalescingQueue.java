package org.kubeedgej.shared.coalescing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.BinaryOperator;
import java.util.logging.Logger;

/**
 * The newest value per key, written by a fixed number of worker threads. A value submitted while an older one of
 * the same key still waits is merged into it; a key is never written by two workers at once, so writes of one key
 * keep their order. A failed write goes back to the queue (merged under anything newer that arrived meanwhile) and
 * its worker pauses before it takes more work, so an unreachable backend is retried at a bounded pace.
 *
 * @param <K> the key, e.g. a device or an object on a node
 * @param <V> the value, e.g. the report to write
 */
public final class CoalescingQueue<K, V> {

    /** Writes one value; throwing means "not written, try again later". */
    @FunctionalInterface
    public interface Writer<K, V> {
        void write(K key, V value) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(CoalescingQueue.class.getName());

    private final String name;
    private final Writer<K, V> writer;
    private final BinaryOperator<V> merge;
    private final long retryMillis;
    private final Map<K, V> waiting = new LinkedHashMap<>();
    private final Set<K> writing = new HashSet<>();
    private final List<Thread> workers = new ArrayList<>();
    /** Volatile: a worker whose write the stop interrupted reads it without the lock. */
    private volatile boolean stopping;

    /**
     * Starts the workers.
     *
     * @param name what is written, for thread names and logs, e.g. {@code devicecontroller-status}
     * @param threads where the workers come from (in the server: a ManagedThreadFactory)
     * @param workerCount how many keys are written at once
     * @param merge (waiting, newer) to the value to write; {@code (a, b) -> b} keeps the newest
     * @param retryDelay how long a worker pauses after a failed write
     * @param writer the write
     */
    public CoalescingQueue(String name, ThreadFactory threads, int workerCount, BinaryOperator<V> merge,
            Duration retryDelay, Writer<K, V> writer) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be at least 1, was " + workerCount);
        }
        this.name = name;
        this.writer = writer;
        this.merge = merge;
        this.retryMillis = retryDelay.toMillis();
        for (int i = 0; i < workerCount; i++) {
            Thread worker = threads.newThread(this::work);
            worker.setName(name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /** Queues a value for its key, folding it into one that still waits. */
    public synchronized void submit(K key, V value) {
        if (stopping) {
            return;
        }
        waiting.merge(key, value, merge);
        notifyAll();
    }

    /** @return how many keys wait to be written (not counting those being written) */
    public synchronized int pending() {
        return waiting.size();
    }

    private void work() {
        while (true) {
            Map.Entry<K, V> next = take();
            if (next == null) {
                return;
            }
            boolean written = false;
            try {
                writer.write(next.getKey(), next.getValue());
                written = true;
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                LOG.warning(() -> name + ": " + e.getMessage() + "; trying again in " + retryMillis + " ms");
            } finally {
                done(next, written);
            }
            if (!written && !pause()) {
                return;
            }
        }
    }

    /** The oldest waiting key that no other worker is writing, or null when stopping. */
    private synchronized Map.Entry<K, V> take() {
        while (true) {
            if (stopping) {
                return null;
            }
            for (Iterator<Map.Entry<K, V>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<K, V> entry = it.next();
                if (writing.add(entry.getKey())) {
                    it.remove();
                    return Map.entry(entry.getKey(), entry.getValue());
                }
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private synchronized void done(Map.Entry<K, V> entry, boolean written) {
        writing.remove(entry.getKey());
        if (!written && !stopping) {
            // Anything newer that arrived meanwhile wins over the failed value.
            V newer = waiting.remove(entry.getKey());
            waiting.put(entry.getKey(), newer == null ? entry.getValue() : merge.apply(entry.getValue(), newer));
        }
        notifyAll();
    }

    private boolean pause() {
        try {
            Thread.sleep(retryMillis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the workers after their current write.
     *
     * @return how many keys were still waiting (not written)
     */
    public int stop() {
        int left;
        synchronized (this) {
            stopping = true;
            left = waiting.size();
            waiting.clear();
            notifyAll();
        }
        workers.forEach(Thread::interrupt);
        return left;
    }
}

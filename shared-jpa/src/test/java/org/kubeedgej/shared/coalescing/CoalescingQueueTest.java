package org.kubeedgej.shared.coalescing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingQueueTest {

    private CoalescingQueue<String, Integer> queue;

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.stop();
        }
    }

    @Test
    void valuesWaitingUnderOneKeyAreMergedIntoOneWrite() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> writes = new CopyOnWriteArrayList<>();
        queue = new CoalescingQueue<>("test", Executors.defaultThreadFactory(), 1, Integer::sum, Duration.ZERO,
                (k, v) -> {
                    writes.add(k + "=" + v);
                    firstWriteStarted.countDown();
                    release.await();
                });
        queue.submit("a", 1);
        assertTrue(firstWriteStarted.await(5, TimeUnit.SECONDS));
        queue.submit("a", 2);
        queue.submit("a", 3);
        queue.submit("b", 10);
        assertEquals(2, queue.pending());
        release.countDown();
        awaitWrites(writes, 3);
        assertEquals(List.of("a=1", "a=5", "b=10"), writes);
    }

    @Test
    void oneKeyIsNeverWrittenByTwoWorkersAtOnce() throws Exception {
        Map<String, AtomicInteger> inWrite = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        Map<String, Integer> lastWritten = new ConcurrentHashMap<>();
        queue = new CoalescingQueue<>("test", Executors.defaultThreadFactory(), 4, (a, b) -> b, Duration.ZERO,
                (k, v) -> {
                    if (inWrite.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    Thread.sleep(1);
                    inWrite.get(k).decrementAndGet();
                    writes.incrementAndGet();
                    lastWritten.put(k, v);
                });
        for (int i = 0; i < 2000; i++) {
            queue.submit("k" + (i % 3), i);
        }
        // Done when each key's newest value is written (no key waiting is not enough: its write may still run).
        Map<String, Integer> newest = Map.of("k0", 1998, "k1", 1999, "k2", 1997);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lastWritten.equals(newest) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(newest, lastWritten, "each key's newest value is written last");
        assertEquals(0, overlaps.get());
        assertTrue(writes.get() >= 3 && writes.get() < 2000, "writes were coalesced: " + writes.get());
    }

    @Test
    void aFailedWriteIsRetriedAndANewerValueWins() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> written = new CopyOnWriteArrayList<>();
        CountDownLatch failing = new CountDownLatch(1);
        CountDownLatch newerSubmitted = new CountDownLatch(1);
        queue = new CoalescingQueue<>("test", Executors.defaultThreadFactory(), 1, (a, b) -> b,
                Duration.ofMillis(200), (k, v) -> {
                    if (attempts.incrementAndGet() == 1) {
                        failing.countDown();
                        // Fails only once the newer value is in: otherwise a test thread slower than the 200 ms
                        // retry delay would see the old value retried and written first.
                        newerSubmitted.await(10, TimeUnit.SECONDS);
                        throw new IllegalStateException("backend away");
                    }
                    written.add(v);
                });
        queue.submit("a", 1);
        assertTrue(failing.await(5, TimeUnit.SECONDS));
        queue.submit("a", 2);
        newerSubmitted.countDown();
        awaitWrites(written, 1);
        assertEquals(List.of(2), written);
        assertEquals(2, attempts.get());
    }

    @Test
    void stopReportsWhatWasNotWritten() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        queue = new CoalescingQueue<>("test", Executors.defaultThreadFactory(), 1, (a, b) -> b, Duration.ZERO,
                (k, v) -> {
                    blocked.countDown();
                    Thread.sleep(60_000);
                });
        queue.submit("a", 1);
        assertTrue(blocked.await(5, TimeUnit.SECONDS));
        queue.submit("b", 1);
        queue.submit("c", 1);
        assertEquals(2, queue.stop());
        queue.submit("d", 1);
        assertEquals(0, queue.pending());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    private static void awaitWrites(List<?> writes, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writes.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
    }
}

package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scheduling on a real two-thread pool with probes every 20-50 ms: workers follow the containers, one probe in flight
 * per container, conclusions reported once when they change.
 */
@Timeout(20)
final class ProbeManagerTest {

    private static final PodRef POD = new PodRef("default", "web", "uid-1", true);
    private static final Duration FAST = Duration.ofMillis(20);

    private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicBoolean passing = new AtomicBoolean(false);
    /** Probes wait here until the test opens it (open unless a test closes it). */
    private volatile CountDownLatch probesMayRun = new CountDownLatch(0);
    private final Prober slowProber = (target, spec) -> {
        try {
            probesMayRun.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int now = inFlight.computeIfAbsent(target.containerId(), k -> new AtomicInteger()).incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        calls.incrementAndGet();
        try {
            Thread.sleep(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.get(target.containerId()).decrementAndGet();
        }
        return passing.get() ? ProbeResult.SUCCESS : ProbeResult.failure("not yet");
    };
    private final ProbeManager underTest = new ProbeManager(pool, slowProber, Clock.systemUTC(), changes::add);

    @AfterEach
    void stop() {
        underTest.shutdown();
    }

    @Test
    void readinessChangeIsReportedOnceAndAnsweredForTheRunningContainer() throws InterruptedException {
        PodDefinition pod = pod(new ContainerProbes(null, ProbeWorkerTest.spec(ProbeType.READINESS, Duration.ZERO,
                FAST, 1, 1), null));
        ContainerState running = running("c1");
        underTest.update(pod, List.of(running));
        await(() -> calls.get() >= 3);
        assertFalse(underTest.ready(running), "failing readiness probe");
        assertTrue(underTest.started(running));
        assertTrue(changes.isEmpty(), "not ready from the start: nothing changed");

        passing.set(true);
        await(() -> underTest.ready(running));
        await(() -> !changes.isEmpty());
        Thread.sleep(100);
        assertEquals(List.of("default/web"), changes, "one change, not one per probe");
        assertFalse(underTest.ready(running.withWaiting("CrashLoopBackOff", null)), "only a running one is ready");
    }

    @Test
    void oneProbeInFlightPerContainerAndWorkersStopWithTheirContainers() throws InterruptedException {
        ContainerProbes both = new ContainerProbes(ProbeWorkerTest.spec(ProbeType.LIVENESS, Duration.ZERO, FAST, 1,
                1000), ProbeWorkerTest.spec(ProbeType.READINESS, Duration.ZERO, FAST, 1, 1), null);
        PodDefinition pod = pod(both);
        underTest.update(pod, List.of(running("c1")));
        await(() -> calls.get() >= 20);
        assertEquals(1, maxInFlight.get(), "liveness and readiness of one container never overlap");
        assertEquals(1, underTest.probedContainers());

        ContainerState exited = new ContainerState("main", "busybox", "c1", ContainerState.Phase.TERMINATED, 1,
                "Error", null, null, null, 0);
        underTest.update(pod, List.of(exited));
        assertEquals(0, underTest.probedContainers(), "a stopped container is not probed");
        // A run already under way when the container stopped finishes its probes (up to two): wait until it has.
        await(() -> pool.getActiveCount() == 0);
        int after = calls.get();
        Thread.sleep(150);
        assertEquals(after, calls.get(), "no probe after the container stopped");

        underTest.update(pod, List.of(running("c2")));
        await(() -> calls.get() > after);
        underTest.forget(pod);
        assertEquals(0, underTest.probedContainers(), "a deleted pod's containers are not probed");
    }

    @Test
    void failingLivenessProbeAsksToKillOnlyThatContainer() throws InterruptedException {
        PodDefinition pod = pod(new ContainerProbes(ProbeWorkerTest.spec(ProbeType.LIVENESS, Duration.ZERO, FAST, 1,
                3), null, null));
        ContainerState running = running("c1");
        // Held until the check below: on a loaded machine three 20 ms probes could otherwise fail before it.
        CountDownLatch held = new CountDownLatch(1);
        probesMayRun = held;
        underTest.update(pod, List.of(running));
        assertNull(underTest.killReason(running));
        held.countDown();
        await(() -> underTest.killReason(running) != null);
        assertEquals("failed liveness probe", underTest.killReason(running));
        // The worker records its conclusion before it tells the listener: wait for the telling, then check it was once.
        await(() -> !changes.isEmpty());
        Thread.sleep(50);
        assertEquals(List.of("default/web"), changes);
        assertNull(underTest.killReason(running("other")), "a container without a worker is left alone");
        int after = calls.get();
        Thread.sleep(100);
        assertEquals(after, calls.get(), "probing stops once a kill is asked for");
    }

    private static PodDefinition pod(ContainerProbes probes) {
        ContainerSpec spec = new ContainerSpec(POD, "main", "busybox", "IfNotPresent", List.of(), List.of(), Map.of(),
                0, 0, List.of(), probes);
        return new PodDefinition(POD, "Always", 1, false, List.of(spec), Json.createObjectBuilder().build());
    }

    private static ContainerState running(String id) {
        return new ContainerState("main", "busybox", id, ContainerState.Phase.RUNNING, 0, null, null, null, null, 0);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}

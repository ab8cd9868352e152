package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubelet's threshold and ordering rules, driven with a fake clock and a scripted prober. */
final class ProbeWorkerTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final ProbeTarget TARGET = new ProbeTarget(new PodRef("default", "p", "uid-1", true), "main", "c1");

    /** Answers from a script per probe type (SUCCESS once the script is empty) and records each call. */
    private final Map<ProbeType, Deque<Boolean>> script = Map.of(ProbeType.LIVENESS, new ArrayDeque<>(),
            ProbeType.READINESS, new ArrayDeque<>(), ProbeType.STARTUP, new ArrayDeque<>());
    private final List<ProbeType> calls = new ArrayList<>();
    private final Prober scripted = (target, spec) -> {
        calls.add(spec.type());
        Boolean pass = script.get(spec.type()).poll();
        return pass == null || pass ? ProbeResult.SUCCESS : ProbeResult.failure("scripted failure");
    };

    static ProbeSpec spec(ProbeType type, Duration initialDelay, Duration period, int success, int failure) {
        return new ProbeSpec(type, ProbeSpec.Action.EXEC, List.of("true"), "", "", 0, "", Map.of(), initialDelay,
                period, Duration.ofSeconds(1), success, failure, null);
    }

    private static ProbeSpec every10s(ProbeType type, int success, int failure) {
        return spec(type, Duration.ZERO, Duration.ofSeconds(10), success, failure);
    }

    @Test
    void readinessStartsFalseAndFollowsItsThresholds() {
        ProbeWorker underTest = new ProbeWorker(TARGET, new ContainerProbes(null,
                every10s(ProbeType.READINESS, 2, 3), null), T0, scripted);
        assertFalse(underTest.ready(), "not ready before the probe passed");
        assertTrue(underTest.started());

        assertFalse(underTest.runDue(T0), "one pass of two needed");
        assertFalse(underTest.ready());
        assertTrue(underTest.runDue(T0.plusSeconds(10)), "second pass in a row: ready");
        assertTrue(underTest.ready());

        script.get(ProbeType.READINESS).addAll(List.of(false, false, true, false, false, false));
        assertFalse(underTest.runDue(T0.plusSeconds(20)));
        assertFalse(underTest.runDue(T0.plusSeconds(30)));
        assertFalse(underTest.runDue(T0.plusSeconds(40)), "a pass breaks the run of failures");
        assertFalse(underTest.runDue(T0.plusSeconds(50)));
        assertFalse(underTest.runDue(T0.plusSeconds(60)));
        assertTrue(underTest.ready(), "two failures of three");
        assertTrue(underTest.runDue(T0.plusSeconds(70)));
        assertFalse(underTest.ready(), "three failures in a row: not ready");
        assertNull(underTest.killReason(), "readiness never kills");
    }

    @Test
    void livenessKillsAfterFailureThresholdThenStopsProbing() {
        ProbeWorker underTest = new ProbeWorker(TARGET, new ContainerProbes(every10s(ProbeType.LIVENESS, 1, 3),
                null, null), T0, scripted);
        assertTrue(underTest.ready(), "no readiness probe: ready as soon as it runs");
        script.get(ProbeType.LIVENESS).addAll(List.of(false, false, false));
        assertFalse(underTest.runDue(T0));
        assertFalse(underTest.runDue(T0.plusSeconds(10)));
        assertNull(underTest.killReason());
        assertTrue(underTest.runDue(T0.plusSeconds(20)));
        assertEquals("failed liveness probe", underTest.killReason());
        assertNull(underTest.nextDue(), "on hold until the container is replaced");
        int before = calls.size();
        assertFalse(underTest.runDue(T0.plusSeconds(30)));
        assertEquals(before, calls.size(), "no probe after the kill request");
    }

    @Test
    void startupProbeHoldsOffTheOthersUntilItPasses() {
        ProbeWorker underTest = new ProbeWorker(TARGET, new ContainerProbes(every10s(ProbeType.LIVENESS, 1, 1),
                every10s(ProbeType.READINESS, 1, 1), every10s(ProbeType.STARTUP, 1, 3)), T0, scripted);
        assertFalse(underTest.started());
        script.get(ProbeType.STARTUP).addAll(List.of(false, false));
        underTest.runDue(T0);
        underTest.runDue(T0.plusSeconds(10));
        assertEquals(List.of(ProbeType.STARTUP, ProbeType.STARTUP), calls, "only the startup probe runs");
        assertFalse(underTest.ready());

        assertTrue(underTest.runDue(T0.plusSeconds(20)), "startup passed");
        assertTrue(underTest.started());
        assertEquals(List.of(ProbeType.STARTUP, ProbeType.STARTUP, ProbeType.STARTUP, ProbeType.LIVENESS,
                ProbeType.READINESS), calls, "liveness and readiness start right after");
        assertTrue(underTest.ready());
        calls.clear();
        underTest.runDue(T0.plusSeconds(30));
        assertEquals(List.of(ProbeType.LIVENESS, ProbeType.READINESS), calls, "startup never runs again");
    }

    @Test
    void failedStartupProbeAsksForAKill() {
        ProbeWorker underTest = new ProbeWorker(TARGET, new ContainerProbes(null, null,
                every10s(ProbeType.STARTUP, 1, 2)), T0, scripted);
        script.get(ProbeType.STARTUP).addAll(List.of(false, false));
        underTest.runDue(T0);
        assertTrue(underTest.runDue(T0.plusSeconds(10)));
        assertEquals("failed startup probe", underTest.killReason());
        assertFalse(underTest.started());
    }

    @Test
    void initialDelayAndPeriodDecideWhenProbesRun() {
        ProbeWorker underTest = new ProbeWorker(TARGET, new ContainerProbes(
                spec(ProbeType.LIVENESS, Duration.ofSeconds(5), Duration.ofSeconds(3), 1, 3),
                spec(ProbeType.READINESS, Duration.ZERO, Duration.ofSeconds(2), 1, 3), null), T0, scripted);
        assertEquals(T0, underTest.nextDue());
        underTest.runDue(T0);
        assertEquals(List.of(ProbeType.READINESS), calls, "liveness waits out its initial delay");
        assertEquals(T0.plusSeconds(2), underTest.nextDue());
        underTest.runDue(T0.plusSeconds(1));
        assertEquals(1, calls.size(), "nothing due after 1 s");
        underTest.runDue(T0.plusSeconds(5));
        assertEquals(List.of(ProbeType.READINESS, ProbeType.LIVENESS, ProbeType.READINESS), calls);
        assertEquals(T0.plusSeconds(7), underTest.nextDue());
    }

    @Test
    void startupPassingWithoutOtherProbesEndsTheSchedule() {
        ProbeWorker underTest = new ProbeWorker(TARGET, new ContainerProbes(null, null,
                every10s(ProbeType.STARTUP, 1, 3)), T0, scripted);
        assertTrue(underTest.runDue(T0));
        assertTrue(underTest.started());
        assertTrue(underTest.ready());
        assertNull(underTest.nextDue());
    }
}

package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real dockerd (the one bin/kubeedge-j test starts, found through DOCKER_HOST) with the local
 * busybox:latest image. Not skipped without Docker: edged without a working runtime is broken, so say how to run.
 */
final class DockerJavaRuntimeTest {

    private DockerJavaRuntime runtime;
    @TempDir
    Path volumeRoot;
    private PodRef pod;

    @BeforeEach
    void connect() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            fail("DOCKER_HOST is not set: these tests need the private Docker engine (fix: run them via"
                    + " `bin/kubeedge-j test`, or start one with bin/lib/docker-engine.sh start <dir> and image <dir>"
                    + " and export DOCKER_HOST)");
        }
        runtime = new DockerJavaRuntime(host, 10, false);
        assertNotNull(runtime.ping());
        pod = new PodRef("default", "hello", "test-" + UUID.randomUUID(), true);
    }

    @AfterEach
    void cleanUp() {
        if (runtime != null) {
            runtime.listPodContainers(pod.uid()).forEach(s -> runtime.remove(s.containerId()));
            runtime.close();
        }
    }

    @Test
    void runFindStopAndRemoveAPodContainer() {
        ContainerSpec spec = busybox("main", "echo hi; sleep 30");
        assertTrue(runtime.ensureImage(spec.image(), "IfNotPresent").present());
        String id = runtime.createAndStart(spec, 0);

        List<ContainerState> found = runtime.listPodContainers(pod.uid());
        assertEquals(1, found.size());
        ContainerState s = found.get(0);
        assertEquals(id, s.containerId());
        assertEquals("main", s.name());
        assertTrue(s.running(), "state: " + s);
        assertNotNull(s.startedAt());
        assertEquals(0, s.restartCount());

        long before = System.nanoTime();
        runtime.stop(id, 10);
        long stopMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(stopMillis < 5000, "with an init, sh gets SIGTERM and stops at once; took " + stopMillis + " ms");
        ContainerState stopped = runtime.listPodContainers(pod.uid()).get(0);
        assertTrue(stopped.terminated(), "state: " + stopped);
        assertNotNull(stopped.finishedAt());

        runtime.remove(id);
        assertTrue(runtime.listPodContainers(pod.uid()).isEmpty());
        runtime.stop(id, 1); // already gone: no exception
        runtime.remove(id);
    }

    @Test
    void exitedContainerReportsExitCodeAndRestartCountLabel() throws InterruptedException {
        String id = runtime.createAndStart(busybox("job", "exit 3"), 2);
        ContainerState s = awaitTerminated();
        assertEquals(id, s.containerId());
        assertEquals(3, s.exitCode());
        assertEquals("Error", s.reason());
        assertEquals(2, s.restartCount());
    }

    @Test
    void execReturnsExitCodeAndOutputOrTimesOut() {
        String id = runtime.createAndStart(busybox("main", "sleep 30"), 0);
        ExecResult ok = runtime.exec(id, List.of("sh", "-c", "echo fine"), Duration.ofSeconds(5));
        assertEquals(0, ok.exitCode());
        assertEquals("fine", ok.output());
        ExecResult missing = runtime.exec(id, List.of("cat", "/tmp/healthy"), Duration.ofSeconds(5));
        assertEquals(1, missing.exitCode());
        assertTrue(missing.output().contains("/tmp/healthy"), missing.output());
        long start = System.nanoTime();
        ExecResult slow = runtime.exec(id, List.of("sleep", "5"), Duration.ofMillis(500));
        assertTrue(slow.timedOut());
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "the timeout bounds the wait");

        runtime.stop(id, 1);
        ExecResult stopped = runtime.exec(id, List.of("true"), Duration.ofSeconds(5));
        assertEquals(-1, stopped.exitCode());
        assertTrue(stopped.output().contains("not running"), stopped.output());
    }

    @Test
    void missingImageIsAWaitingReasonNotAnException() {
        ImageCheck check = runtime.ensureImage("kubeedgej/does-not-exist:" + UUID.randomUUID(), "IfNotPresent");
        assertFalse(check.present());
        assertEquals("ErrImagePull", check.reason());
        assertTrue(check.message().contains("does-not-exist") && check.message().contains("fix:"), check.message());
        assertEquals("ErrImageNeverPull", runtime.ensureImage("kubeedgej/does-not-exist:1", "Never").reason());
        // A present image still runs when the registry cannot be asked (pull policy Always).
        assertTrue(runtime.ensureImage("busybox:latest", "Always").present());
    }

    @Test
    void syncDoesNotRecreateARunningContainerAndReportsMissingImages() {
        PodSyncer syncer = new PodSyncer(runtime, new ContainerConfigResolver((type, ns, name) -> Optional.empty(),
                volumeRoot));
        PodDefinition def = new PodDefinition(pod, "Always", 5, false, List.of(busybox("main", "sleep 30"),
                new ContainerSpec(pod, "ghost", "kubeedgej/ghost:1", "IfNotPresent", List.of(), List.of(), Map.of(),
                        0, 0, List.of())), Json.createObjectBuilder().build());
        List<ContainerState> first = syncer.sync(def, Instant.now());
        assertTrue(first.get(0).running(), "state: " + first.get(0));
        assertEquals("ErrImagePull", first.get(1).reason());
        List<ContainerState> second = syncer.sync(def, Instant.now());
        assertEquals(first.get(0).containerId(), second.get(0).containerId(), "a running container is kept");
        assertEquals("ImagePullBackOff", second.get(1).reason());
        assertEquals("Pending", PodStatusBuilder.phase(def.restartPolicy(), second));

        syncer.killPod(def);
        assertTrue(runtime.listPodContainers(pod.uid()).isEmpty());
    }

    private ContainerSpec busybox(String name, String script) {
        return new ContainerSpec(pod, name, "busybox:latest", "IfNotPresent", List.of("sh", "-c"), List.of(script),
                Map.of("GREETING", "hi"), 64L << 20, 500_000_000L, List.of());
    }

    private ContainerState awaitTerminated() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ContainerState> states = runtime.listPodContainers(pod.uid());
            if (!states.isEmpty() && states.get(0).terminated()) {
                return states.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("container of pod " + pod.describe() + " did not exit within 10 s");
    }
}

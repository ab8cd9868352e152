package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart policies and the crash back-off against the real dockerd (see DockerJavaRuntimeTest for DOCKER_HOST). */
final class PodSyncerTest {

    private DockerJavaRuntime runtime;
    @TempDir
    Path volumeRoot;
    private PodSyncer underTest;
    private final PodRef pod = new PodRef("default", "job", "test-" + UUID.randomUUID(), false);

    @BeforeEach
    void connect() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            fail("DOCKER_HOST is not set: run the tests via `bin/kubeedge-j test` (it starts a private dockerd)");
        }
        runtime = new DockerJavaRuntime(host, 10, false);
        underTest = new PodSyncer(runtime, new ContainerConfigResolver((type, ns, name) -> Optional.empty(),
                volumeRoot));
    }

    @AfterEach
    void cleanUp() {
        runtime.listPodContainers(pod.uid()).forEach(s -> runtime.remove(s.containerId()));
        runtime.close();
    }

    @Test
    void failedContainerWaitsOutTheBackOffThenRestartsCounting() throws InterruptedException {
        PodDefinition def = definition("OnFailure", "exit 1");
        underTest.sync(def, Instant.now());
        ContainerState first = awaitTerminated(0);
        assertEquals(1, first.exitCode());

        ContainerState backingOff = underTest.sync(def, Instant.now()).get(0);
        assertEquals("CrashLoopBackOff", backingOff.reason());
        assertEquals("Running", PodStatusBuilder.phase("OnFailure", List.of(backingOff)));

        Instant later = Instant.parse(first.finishedAt()).plus(RestartRules.backOff(0)).plus(Duration.ofSeconds(1));
        ContainerState restarted = underTest.sync(def, later).get(0);
        assertEquals(1, restarted.restartCount());
        assertNotEquals(first.containerId(), restarted.containerId());
        assertEquals(2, runtime.listPodContainers(pod.uid()).size(), "the previous attempt is kept for lastState");
        assertEquals(first.containerId(), restarted.lastState().containerId());
        assertEquals(1, restarted.lastState().exitCode());
    }

    @Test
    void succeededContainerUnderNeverStaysCompleted() throws InterruptedException {
        PodDefinition def = definition("Never", "echo done");
        underTest.sync(def, Instant.now());
        awaitTerminated(0);
        List<ContainerState> states = underTest.sync(def, Instant.now().plus(Duration.ofMinutes(10)));
        assertEquals("Completed", states.get(0).reason());
        assertEquals(0, states.get(0).restartCount());
        assertEquals("Succeeded", PodStatusBuilder.phase("Never", states));
    }

    @Test
    void containerWaitsForItsConfigMapThenSeesItAsEnvAndFile() throws Exception {
        MapConfigSources sources = new MapConfigSources();
        PodSyncer syncer = new PodSyncer(runtime, new ContainerConfigResolver(sources, volumeRoot));
        PodDefinition def = PodSpecReader.read(Json.createReader(new StringReader("""
                {"metadata":{"name":"job","namespace":"default","uid":"%s"},"spec":{"restartPolicy":"Never",
                 "volumes":[{"name":"cfg","configMap":{"name":"app"}},{"name":"out","emptyDir":{}}],
                 "containers":[{"name":"main","image":"busybox:latest","imagePullPolicy":"IfNotPresent",
                  "command":["sh","-c","echo $MODE `cat /etc/app/greeting` > /out/seen"],
                  "env":[{"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"app","key":"mode"}}}],
                  "volumeMounts":[{"name":"cfg","mountPath":"/etc/app"},{"name":"out","mountPath":"/out"}]}]}}"""
                .formatted(pod.uid()))).readObject(), "default");

        ContainerState waiting = syncer.sync(def, Instant.now()).get(0);
        assertEquals("CreateContainerConfigError", waiting.reason());
        assertEquals("configmap \"app\" not found", waiting.message());
        assertEquals("Pending", PodStatusBuilder.phase("Never", List.of(waiting)));
        assertTrue(runtime.listPodContainers(pod.uid()).isEmpty(), "nothing started");

        sources.put("configmap", "app", "{\"data\":{\"mode\":\"edge\",\"greeting\":\"hello\"}}");
        syncer.sync(def, Instant.now());
        assertEquals(0, awaitTerminated(0).exitCode());
        Path seen = volumeRoot.resolve("pods").resolve(pod.uid()).resolve("volumes/out/seen");
        assertEquals("edge hello\n", Files.readString(seen));

        syncer.killPod(def);
        assertFalse(Files.exists(seen), "the emptyDir goes with the pod");
    }

    @Test
    void containerWhoseLivenessFailedIsStoppedThenRestartedWithItsLastState() throws InterruptedException {
        ContainerHealth killAll = new ContainerHealth() {
            @Override
            public boolean started(ContainerState c) {
                return c.running();
            }

            @Override
            public boolean ready(ContainerState c) {
                return c.running();
            }

            @Override
            public String killReason(ContainerState c) {
                return c.running() && c.restartCount() == 0 ? "failed liveness probe" : null;
            }
        };
        PodSyncer syncer = new PodSyncer(runtime, new ContainerConfigResolver((type, ns, name) -> Optional.empty(),
                volumeRoot), killAll);
        PodDefinition def = definition("Always", "sleep 30");
        assertTrue(syncer.sync(def, Instant.now()).get(0).running());
        ContainerState killed = syncer.sync(def, Instant.now()).get(0);
        assertTrue(killed.terminated(), "stopped for its liveness probe: " + killed);
        assertNotEquals(0, killed.exitCode());

        Instant later = Instant.parse(killed.finishedAt()).plus(RestartRules.backOff(0)).plus(Duration.ofSeconds(1));
        ContainerState restarted = syncer.sync(def, later).get(0);
        assertEquals(1, restarted.restartCount());
        assertTrue(restarted.running(), "state: " + restarted);
        assertEquals(killed.containerId(), restarted.lastState().containerId());
        assertEquals(killed.exitCode(), restarted.lastState().exitCode());
    }

    @Test
    void containerDockerRefusesWaitsWithCreateContainerError() {
        ContainerSpec tiny = new ContainerSpec(pod, "main", "busybox:latest", "IfNotPresent", List.of("sleep"),
                List.of("30"), Map.of(), 1, 0, List.of());
        PodDefinition def = new PodDefinition(pod, "Always", 5, false, List.of(tiny),
                Json.createObjectBuilder().build());
        ContainerState waiting = underTest.sync(def, Instant.now()).get(0);
        assertEquals("CreateContainerError", waiting.reason());
        assertTrue(waiting.message().contains("Minimum memory limit"), waiting.message());
        assertEquals("Pending", PodStatusBuilder.phase("Always", List.of(waiting)));
        assertEquals("CreateContainerError", underTest.sync(def, Instant.now()).get(0).reason(), "tried again");
    }

    @Test
    void commandThatCannotBeExecutedIsAStartErrorWithTheReason() throws InterruptedException {
        ContainerSpec bad = new ContainerSpec(pod, "main", "busybox:latest", "IfNotPresent",
                List.of("/no/such/bin"), List.of(), Map.of(), 0, 0, List.of());
        PodDefinition def = new PodDefinition(pod, "Never", 5, false, List.of(bad), Json.createObjectBuilder().build());
        underTest.sync(def, Instant.now());
        awaitTerminated(0);
        ContainerState failed = underTest.sync(def, Instant.now()).get(0);
        assertEquals("StartError", failed.reason());
        assertTrue(failed.message().contains("/no/such/bin") && failed.message().contains("No such file"),
                failed.message());
        assertEquals("Failed", PodStatusBuilder.phase("Never", List.of(failed)));
    }

    @Test
    void backOffDoublesUpToFiveMinutes() {
        assertEquals(Duration.ofSeconds(10), RestartRules.backOff(0));
        assertEquals(Duration.ofSeconds(20), RestartRules.backOff(1));
        assertEquals(Duration.ofSeconds(160), RestartRules.backOff(4));
        assertEquals(Duration.ofMinutes(5), RestartRules.backOff(5));
        assertEquals(Duration.ofMinutes(5), RestartRules.backOff(1000));
        assertTrue(PodSyncer.sameImage("busybox", "busybox:latest"));
    }

    private PodDefinition definition(String restartPolicy, String script) {
        ContainerSpec spec = new ContainerSpec(pod, "main", "busybox:latest", "IfNotPresent", List.of("sh", "-c"),
                List.of(script), Map.of(), 0, 0, List.of());
        return new PodDefinition(pod, restartPolicy, 5, false, List.of(spec), Json.createObjectBuilder().build());
    }

    private ContainerState awaitTerminated(int restartCount) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (ContainerState s : runtime.listPodContainers(pod.uid())) {
                if (s.terminated() && s.restartCount() == restartCount) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pod " + pod.describe() + " container did not exit within 10 s");
    }
}

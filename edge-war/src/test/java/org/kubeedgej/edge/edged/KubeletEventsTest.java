package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubelet's reasons, types and messages for pod events (Kubernetes 1.32's kuberuntime, images and prober). */
class KubeletEventsTest {

    private final List<String> recorded = new ArrayList<>();
    private final List<EventReference> objects = new ArrayList<>();
    private final KubeletEvents underTest = new KubeletEvents((object, type, reason, message) -> {
        objects.add(object);
        recorded.add(type + " " + reason + " " + message);
    });
    private final PodRef pod = new PodRef("shop", "web", "uid-9", false);
    private final ContainerSpec main = new ContainerSpec(pod, "main", "busybox:latest", "IfNotPresent", List.of(),
            List.of(), Map.of(), 0, 0, List.of());

    @Test
    void containerEventsReferToThePodWithTheContainersFieldPath() {
        underTest.started(main);
        assertEquals(List.of("Normal Created Created container: main", "Normal Started Started container main"),
                recorded);
        assertEquals(new EventReference("Pod", "v1", "shop", "web", "uid-9", "spec.containers{main}"), objects.get(0));
    }

    @Test
    void imageEvents() {
        underTest.imageReady(main, ImageCheck.PRESENT);
        underTest.imageReady(main, ImageCheck.pulled(Duration.ofMillis(1534), 4_300_000));
        underTest.imageMissing(main, ImageCheck.missing("ErrImagePull", "registry unreachable"));
        underTest.imageMissing(main, ImageCheck.missing("ErrImageNeverPull", "not here"));
        underTest.pullBackOff(main);
        assertEquals(List.of(
                "Normal Pulled Container image \"busybox:latest\" already present on machine",
                "Normal Pulling Pulling image \"busybox:latest\"",
                "Normal Pulled Successfully pulled image \"busybox:latest\" in 1.534s (1.534s including waiting)."
                        + " Image size: 4300000 bytes.",
                "Warning Failed Failed to pull image \"busybox:latest\": registry unreachable",
                "Warning Failed Error: ErrImagePull",
                "Warning ErrImageNeverPull Container image \"busybox:latest\" is not present with pull policy of Never",
                "Warning Failed Error: ErrImageNeverPull",
                "Normal BackOff Back-off pulling image \"busybox:latest\"",
                "Warning Failed Error: ImagePullBackOff"), recorded);
    }

    @Test
    void invalidImageNameAndCreateErrors() {
        underTest.invalidImageName(main, ImageReference.problem("Not A/Image").orElseThrow());
        underTest.failed(main, "configmap \"cfg\" not found");
        assertEquals(List.of("Warning InspectFailed Failed to apply default image tag \"Not A/Image\": couldn't parse"
                + " image reference \"Not A/Image\": invalid reference format", "Warning Failed Error: InvalidImageName",
                "Warning Failed Error: configmap \"cfg\" not found"), recorded);
    }

    @Test
    void killingAndBackOff() {
        underTest.killing(pod, "main", null);
        underTest.killing(pod, "main", "Container main failed liveness probe, will be restarted");
        underTest.backOff(pod, "main");
        assertEquals(List.of("Normal Killing Stopping container main",
                "Normal Killing Container main failed liveness probe, will be restarted",
                "Warning BackOff Back-off restarting failed container main in pod web_shop(uid-9)"), recorded);
    }

    @Test
    void everyFailedProbeAttemptIsUnhealthy() {
        ProbeSpec liveness = new ProbeSpec(ProbeType.LIVENESS, ProbeSpec.Action.EXEC, List.of("cat", "/tmp/healthy"), "",
                "", 0, "", Map.of(), Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 3, null);
        ProbeResult failure = ProbeResult.failure("cat: can't open '/tmp/healthy': No such file or directory");
        Prober scripted = (target, spec) -> failure;
        Prober recording = underTest.recording(scripted);
        ProbeTarget target = new ProbeTarget(pod, "main", "c1");
        assertSame(failure, recording.probe(target, liveness));
        assertSame(ProbeResult.SUCCESS, underTest.recording((t, s) -> ProbeResult.SUCCESS).probe(target, liveness));
        assertEquals(List.of("Warning Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or"
                + " directory"), recorded);
        assertEquals(EventReference.container(pod, "main"), objects.get(0));
    }

    @Test
    void durationsAreWrittenAsGoWritesThem() {
        assertEquals("0s", KubeletEvents.goDuration(Duration.ZERO));
        assertEquals("512ms", KubeletEvents.goDuration(Duration.ofMillis(512)));
        assertEquals("1.5s", KubeletEvents.goDuration(Duration.ofMillis(1500)));
        assertEquals("2s", KubeletEvents.goDuration(Duration.ofSeconds(2)));
        assertEquals("2m3.25s", KubeletEvents.goDuration(Duration.ofMillis(123_250)));
        assertEquals("1h0m5s", KubeletEvents.goDuration(Duration.ofSeconds(3605)));
    }
}

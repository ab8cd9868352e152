package org.kubeedgej.edge.edged;

import java.time.Duration;

/**
 * What the kubelet records as Events about pods, in its reasons, types and messages (Kubernetes 1.32's kubelet, as
 * KubeEdge 1.22's edged embeds it), so an operator reading {@code kubectl describe pod} finds the lines they know.
 * Container events refer to the pod with fieldPath {@code spec.containers{name}}.
 */
final class KubeletEvents {

    private final EventSink sink;

    KubeletEvents(EventSink sink) {
        this.sink = sink;
    }

    /** The image is there: Pulled ("already present"), or Pulling and Pulled when it was pulled just now. */
    void imageReady(ContainerSpec spec, ImageCheck check) {
        EventReference ref = EventReference.container(spec.pod(), spec.name());
        String image = quoted(spec.image());
        if (!check.pulledNow()) {
            sink.record(ref, RecordedEvent.NORMAL, "Pulled", "Container image " + image + " already present on machine");
            return;
        }
        // KubeEdge-J's runtime pulls in one call, so Pulling is recorded when the pull has ended, just before Pulled.
        sink.record(ref, RecordedEvent.NORMAL, "Pulling", "Pulling image " + image);
        String took = goDuration(check.pullTime());
        sink.record(ref, RecordedEvent.NORMAL, "Pulled", "Successfully pulled image " + image + " in " + took + " ("
                + took + " including waiting). Image size: " + check.imageSize() + " bytes.");
    }

    /** The image could not be had: why (Failed or ErrImageNeverPull), then "Error: <waiting reason>". */
    void imageMissing(ContainerSpec spec, ImageCheck check) {
        EventReference ref = EventReference.container(spec.pod(), spec.name());
        if ("ErrImageNeverPull".equals(check.reason())) {
            sink.record(ref, RecordedEvent.WARNING, "ErrImageNeverPull", "Container image " + quoted(spec.image())
                    + " is not present with pull policy of Never");
        } else {
            sink.record(ref, RecordedEvent.WARNING, "Failed", "Failed to pull image " + quoted(spec.image()) + ": "
                    + check.message());
        }
        failed(spec, check.reason());
    }

    /** The pull is backing off after a failure. */
    void pullBackOff(ContainerSpec spec) {
        EventReference ref = EventReference.container(spec.pod(), spec.name());
        sink.record(ref, RecordedEvent.NORMAL, "BackOff", "Back-off pulling image " + quoted(spec.image()));
        failed(spec, "ImagePullBackOff");
    }

    /** The image name cannot be parsed: InspectFailed with the parse error, then "Error: InvalidImageName". */
    void invalidImageName(ContainerSpec spec, String problem) {
        sink.record(EventReference.container(spec.pod(), spec.name()), RecordedEvent.WARNING, "InspectFailed",
                problem);
        failed(spec, "InvalidImageName");
    }

    /**
     * The container could not be created or started; the kubelet's "Error: %v" with the runtime's or the
     * configuration's message (CreateContainerError, CreateContainerConfigError).
     */
    void failed(ContainerSpec spec, String message) {
        sink.record(EventReference.container(spec.pod(), spec.name()), RecordedEvent.WARNING, "Failed",
                "Error: " + message);
    }

    /** The container was created and started. */
    void started(ContainerSpec spec) {
        EventReference ref = EventReference.container(spec.pod(), spec.name());
        sink.record(ref, RecordedEvent.NORMAL, "Created", "Created container: " + spec.name());
        sink.record(ref, RecordedEvent.NORMAL, "Started", "Started container " + spec.name());
    }

    /**
     * A container is being stopped.
     *
     * @param why the kubelet's message, e.g. "Container main failed liveness probe, will be restarted"; null for
     *        its default "Stopping container main"
     */
    void killing(PodRef pod, String container, String why) {
        sink.record(EventReference.container(pod, container), RecordedEvent.NORMAL, "Killing",
                why == null ? "Stopping container " + container : why);
    }

    /** A terminated container waits out its restart back-off (CrashLoopBackOff). */
    void backOff(PodRef pod, String container) {
        sink.record(EventReference.container(pod, container), RecordedEvent.WARNING, "BackOff",
                "Back-off restarting failed container " + container + " in pod " + pod.name() + "_" + pod.namespace()
                        + "(" + pod.uid() + ")");
    }

    /** A probe attempt failed: Unhealthy, "Liveness probe failed: <output>". */
    void probeFailed(ProbeTarget target, ProbeType type, String why) {
        sink.record(EventReference.container(target.pod(), target.container()), RecordedEvent.WARNING, "Unhealthy",
                type.title() + " probe failed: " + (why == null ? "" : why));
    }

    /** @return a prober that records each failed attempt as the kubelet's prober does */
    Prober recording(Prober prober) {
        return (target, spec) -> {
            ProbeResult r = prober.probe(target, spec);
            if (!r.success()) {
                probeFailed(target, spec.type(), r.message());
            }
            return r;
        };
    }

    private static String quoted(String image) {
        return "\"" + image + "\"";
    }

    /** Go's time.Duration.String() of a duration cut to milliseconds: "512ms", "1.5s", "2m3.25s". */
    static String goDuration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        StringBuilder out = new StringBuilder();
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        long seconds = ms / 1000 % 60;
        long millis = ms % 1000;
        out.append(seconds);
        if (millis > 0) {
            out.append('.').append(String.format("%03d", millis).replaceAll("0+$", ""));
        }
        return out.append('s').toString();
    }
}

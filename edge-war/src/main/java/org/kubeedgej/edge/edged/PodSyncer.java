package org.kubeedgej.edge.edged;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Brings one pod's containers in line with its spec, reading what runs from the containers' labels: a running
 * container is left alone (so a reconnect that resends the pod recreates nothing), a missing one is created, a
 * terminated one is restarted as restartPolicy and the back-off allow, and containers the spec no longer names are
 * removed. Each sync first prepares the pod's volumes (so ConfigMap/Secret updates reach running containers); a
 * container whose configuration cannot be resolved waits with CreateContainerConfigError, one Docker refuses to create
 * waits with CreateContainerError (Docker's message), and both are tried again at the next sync. A running container
 * whose liveness or startup probe failed ({@link ContainerHealth}) is stopped with the pod's grace period and then
 * treated like any terminated one. The previous attempt of each container is kept (stopped) for its lastState.
 * What it does is recorded as the kubelet's Events ({@link KubeletEvents}). Callers run one sync per pod at a time.
 */
final class PodSyncer {

    private static final Logger LOG = Logger.getLogger(PodSyncer.class.getName());

    private final ContainerRuntime runtime;
    private final ContainerConfigResolver config;
    private final ContainerHealth health;
    private final KubeletEvents events;
    private final PullBackOff pulls = new PullBackOff();
    /** Containers whose image name was reported invalid, so it is logged once. */
    private final java.util.Set<String> invalidNames = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The last configuration error logged per pod container, so a waiting container is logged once per cause. */
    private final Map<String, String> configErrors = new ConcurrentHashMap<>();

    PodSyncer(ContainerRuntime runtime, ContainerConfigResolver config) {
        this(runtime, config, ContainerHealth.RUNNING_IS_READY);
    }

    PodSyncer(ContainerRuntime runtime, ContainerConfigResolver config, ContainerHealth health) {
        this(runtime, config, health, new KubeletEvents(EventSink.NONE));
    }

    PodSyncer(ContainerRuntime runtime, ContainerConfigResolver config, ContainerHealth health,
            KubeletEvents events) {
        this.runtime = runtime;
        this.config = config;
        this.health = health;
        this.events = events;
    }

    /** @return one state per spec container, in spec order */
    List<ContainerState> sync(PodDefinition pod, Instant now) {
        Map<String, List<ContainerState>> byName = runtime.listPodContainers(pod.ref().uid()).stream()
                .collect(Collectors.groupingBy(ContainerState::name));
        Set<String> wanted = new HashSet<>();
        Map<String, ContainerState> notRunning = new HashMap<>();
        ContainerConfigResolver.PreparedPod prepared = config.prepare(pod);
        for (ContainerSpec spec : pod.containers()) {
            wanted.add(spec.name());
            List<ContainerState> found = newestFirst(byName.getOrDefault(spec.name(), List.of()));
            ContainerState latest = found.isEmpty() ? null : found.get(0);
            // The latest attempt and the one before it (for lastState) stay; older ones are history, as the
            // kubelet's container GC keeps only a few.
            found.stream().skip(2).forEach(s -> runtime.remove(s.containerId()));
            // One attempt runs at a time, as with the kubelet: an older attempt still running (left by a start that
            // raced a restart, or by an earlier edgecore) is stopped.
            found.stream().skip(1).filter(ContainerState::running).forEach(s -> {
                LOG.warning(() -> "pod " + pod.key() + ": container " + spec.name() + " has an older attempt still"
                        + " running (restart " + s.restartCount() + "); stopping it");
                runtime.stop(s.containerId(), pod.graceSeconds());
            });
            ContainerState waiting = ensure(pod, spec, latest, now, prepared);
            if (waiting != null) {
                notRunning.put(spec.name(), waiting);
            }
        }
        byName.forEach((name, states) -> {
            if (!wanted.contains(name)) {
                LOG.info(() -> "pod " + pod.key() + ": container " + name + " is no longer in the spec; removing");
                states.stream().filter(ContainerState::running).findAny()
                        .ifPresent(s -> events.killing(pod.ref(), name, null));
                states.forEach(s -> kill(s, pod.graceSeconds()));
            }
        });
        Map<String, List<ContainerState>> after = runtime.listPodContainers(pod.ref().uid()).stream()
                .collect(Collectors.groupingBy(ContainerState::name));
        List<ContainerState> states = new ArrayList<>();
        for (ContainerSpec spec : pod.containers()) {
            List<ContainerState> attempts = newestFirst(after.getOrDefault(spec.name(), List.of()));
            ContainerState s = notRunning.containsKey(spec.name()) ? notRunning.get(spec.name())
                    : attempts.isEmpty() ? null : attempts.get(0);
            if (s == null) {
                s = ContainerState.waiting(spec.name(), spec.image(), "ContainerCreating", null, 0);
            }
            if (s.lastState() == null && attempts.size() > 1 && attempts.get(0).containerId() != null
                    && attempts.get(0).containerId().equals(s.containerId())) {
                s = s.withLastState(attempts.get(1));
            }
            states.add(s);
        }
        return states;
    }

    private static List<ContainerState> newestFirst(List<ContainerState> attempts) {
        return attempts.stream().sorted(Comparator.comparingInt(ContainerState::restartCount).reversed()).toList();
    }

    /** @return a state to report instead of Docker's (waiting for image or back-off), or null to use Docker's */
    private ContainerState ensure(PodDefinition pod, ContainerSpec spec, ContainerState latest, Instant now,
            ContainerConfigResolver.PreparedPod prepared) {
        if (latest == null) {
            return start(spec, 0, now, prepared);
        }
        if (latest.running()) {
            if (!sameImage(latest.image(), spec.image())) {
                LOG.info(() -> "pod " + spec.describe() + ": image changed to " + spec.image() + "; replacing");
                events.killing(pod.ref(), spec.name(), "Container " + spec.name() + " definition changed, will be"
                        + " restarted");
                kill(latest, pod.graceSeconds());
                return start(spec, latest.restartCount() + 1, now, prepared);
            }
            String reason = health.killReason(latest);
            if (reason != null) {
                // The kubelet's words, so operators find the line they know.
                LOG.info(() -> "pod " + pod.key() + ": Container " + spec.name() + " " + reason + ", will be "
                        + ("Never".equals(pod.restartPolicy()) ? "stopped (restartPolicy Never)" : "restarted"));
                events.killing(pod.ref(), spec.name(), "Container " + spec.name() + " " + reason
                        + ("Never".equals(pod.restartPolicy()) ? "" : ", will be restarted"));
                runtime.stop(latest.containerId(), pod.graceSeconds());
            }
            return null;
        }
        if (!latest.terminated() || !RestartRules.shouldRestart(pod.restartPolicy(), latest)) {
            return null;
        }
        Duration left = RestartRules.remaining(latest, now);
        if (!left.isZero()) {
            events.backOff(pod.ref(), spec.name());
            return latest.withWaiting("CrashLoopBackOff", "back-off " + RestartRules.backOff(latest.restartCount())
                    .toSeconds() + "s restarting failed container=" + spec.name() + " pod=" + pod.key());
        }
        ContainerSpec resolved;
        try {
            resolved = resolve(spec, prepared);
        } catch (ContainerConfigException e) {
            return latest.withWaiting(ContainerConfigException.REASON, e.getMessage());
        }
        LOG.info(() -> "pod " + spec.describe() + ": restarting (exit code " + latest.exitCode() + ", policy "
                + pod.restartPolicy() + ")");
        // The terminated attempt stays until the next one ends: it is the new container's lastState.
        ContainerState waiting = start(resolved, latest.restartCount() + 1, now, null);
        return waiting == null ? null : waiting.withLastState(latest);
    }

    /** @param prepared the pod's prepared volumes; null when the spec is resolved already */
    private ContainerState start(ContainerSpec spec, int restartCount, Instant now,
            ContainerConfigResolver.PreparedPod prepared) {
        String key = spec.pod().describe() + "/" + spec.name();
        java.util.Optional<String> invalid = ImageReference.problem(spec.image());
        if (invalid.isPresent()) {
            // No pull can fix the name, so no back-off either: the kubelet keeps reporting InvalidImageName, and
            // logs it once (the status says it on every sync).
            if (invalidNames.add(key)) {
                LOG.warning(() -> "pod " + spec.describe() + ": InvalidImageName: " + invalid.get());
            }
            events.invalidImageName(spec, invalid.get());
            return ContainerState.waiting(spec.name(), spec.image(), "InvalidImageName", invalid.get(), restartCount);
        }
        String backingOff = pulls.waiting(key, now);
        if (backingOff != null) {
            events.pullBackOff(spec);
            return ContainerState.waiting(spec.name(), spec.image(), "ImagePullBackOff", backingOff, restartCount);
        }
        ImageCheck image = runtime.ensureImage(spec.image(), spec.imagePullPolicy());
        if (!image.present()) {
            pulls.failed(key, image.message(), now);
            LOG.warning(() -> "pod " + spec.describe() + ": " + image.reason() + ": " + image.message());
            events.imageMissing(spec, image);
            return ContainerState.waiting(spec.name(), spec.image(), image.reason(), image.message(), restartCount);
        }
        pulls.succeeded(key);
        events.imageReady(spec, image);
        ContainerSpec resolved;
        try {
            resolved = prepared == null ? spec : resolve(spec, prepared);
        } catch (ContainerConfigException e) {
            return ContainerState.waiting(spec.name(), spec.image(), ContainerConfigException.REASON, e.getMessage(),
                    restartCount);
        }
        try {
            runtime.createAndStart(resolved, restartCount);
        } catch (RuntimeException e) {
            // Docker refused the container (e.g. a memory limit below its minimum): the pod says why and the
            // create is tried again at the next sync, as the kubelet does; edged carries on.
            String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
            logOnce(key, "CreateContainerError: " + message);
            events.failed(spec, message);
            return ContainerState.waiting(spec.name(), spec.image(), "CreateContainerError", message, restartCount);
        }
        configErrors.remove(key);
        events.started(spec);
        return null;
    }

    private ContainerSpec resolve(ContainerSpec spec, ContainerConfigResolver.PreparedPod prepared)
            throws ContainerConfigException {
        String key = spec.pod().describe() + "/" + spec.name();
        try {
            return prepared.resolve(spec);
        } catch (ContainerConfigException e) {
            logConfigError(key, e.getMessage());
            events.failed(spec, e.getMessage());
            throw e;
        }
    }

    private void logConfigError(String key, String message) {
        logOnce(key, ContainerConfigException.REASON + ": " + message);
    }

    /** Logs why a container cannot be created, once per cause: the sync tries again every few seconds. */
    private void logOnce(String key, String line) {
        if (!line.equals(configErrors.put(key, line))) {
            LOG.warning(() -> "pod " + key + ": " + line + " (tried again at every sync)");
        }
    }

    /** Stops and removes every container of the pod, each with the pod's grace period, then its volumes. */
    void killPod(PodDefinition pod) {
        runtime.listPodContainers(pod.ref().uid()).forEach(s -> {
            if (s.running()) {
                events.killing(pod.ref(), s.name(), null);
            }
            kill(s, pod.graceSeconds());
        });
        pulls.forgetPod(pod.key());
        configErrors.keySet().removeIf(k -> k.equals(pod.key()) || k.startsWith(pod.key() + "/"));
        invalidNames.removeIf(k -> k.startsWith(pod.key() + "/"));
        config.cleanUp(pod);
        LOG.info(() -> "pod " + pod.key() + ": all containers stopped and removed");
    }

    private void kill(ContainerState s, int graceSeconds) {
        if (s.running()) {
            runtime.stop(s.containerId(), graceSeconds);
        }
        runtime.remove(s.containerId());
    }

    /** Docker reports the image as given at create time; "busybox" and "busybox:latest" are the same. */
    static boolean sameImage(String running, String wanted) {
        return normalize(running).equals(normalize(wanted));
    }

    private static String normalize(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? image : image + ":latest";
    }
}

package org.kubeedgej.edge.edged;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@link ContainerRuntime} on a Docker engine through docker-java over its unix socket. Containers run with an init
 * (so a stop takes milliseconds, not the grace period) and with network mode host or none only: Docker's bridge
 * would put pods on 172.17.x, which KubeEdge-J never uses. Volumes arrive as bind mounts of prepared host paths.
 */
final class DockerJavaRuntime implements ContainerRuntime, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DockerJavaRuntime.class.getName());

    private final String dockerHost;
    private final DockerClient docker;
    private final DockerExec execs;
    private final int pullTimeoutSeconds;
    private final boolean pullEnabled;
    /**
     * Why a container exited before its command ran (the init's "exec ... failed" line), by container id; "" when
     * its log says nothing of the kind. Read once per exited container, forgotten when it is removed.
     */
    private final Map<String, String> startErrors = new ConcurrentHashMap<>();

    /**
     * @param dockerHost e.g. unix:///var/run/docker.sock
     * @param pullTimeoutSeconds how long a pull may take; without a registry it fails well before
     * @param pullEnabled whether to ask a registry at all (a pull makes dockerd resolve and contact the registry)
     */
    DockerJavaRuntime(String dockerHost, int pullTimeoutSeconds, boolean pullEnabled) {
        this.dockerHost = dockerHost;
        this.pullTimeoutSeconds = pullTimeoutSeconds;
        this.pullEnabled = pullEnabled;
        // Stop waits out the grace period inside the call, so answers may take minutes.
        this.docker = DockerClients.create(dockerHost, 8, Duration.ofMinutes(6));
        this.execs = new DockerExec(docker);
    }

    /** @return the engine's version, proving it answers; throws naming the socket if it does not */
    String ping() {
        try {
            return docker.versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            throw new IllegalStateException("no Docker engine answers at " + dockerHost + " (fix: start dockerd,"
                    + " e.g. bin/lib/docker-engine.sh start <dir>, and set DOCKER_HOST or modules.edged.dockerHost): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public ImageCheck ensureImage(String image, String pullPolicy) {
        boolean present = isPresent(image);
        if (present && !"Always".equals(pullPolicy)) {
            return ImageCheck.PRESENT;
        }
        if (!present && "Never".equals(pullPolicy)) {
            return ImageCheck.missing("ErrImageNeverPull", "image " + image + " is not present and the pull policy"
                    + " is Never (fix: load it into the node's Docker, e.g. docker load / docker import)");
        }
        if (!pullEnabled) {
            return present ? ImageCheck.PRESENT : ImageCheck.missing("ErrImagePull", "image " + image + " is not"
                    + " present and pulling is disabled (fix: load it into the node's Docker, e.g."
                    + " bin/lib/docker-engine.sh image <dir>, or set modules.edged.imagePullEnabled=true)");
        }
        try {
            long start = System.nanoTime();
            boolean done = docker.pullImageCmd(image).exec(new PullImageResultCallback())
                    .awaitCompletion(pullTimeoutSeconds, TimeUnit.SECONDS);
            if (done && isPresent(image)) {
                return ImageCheck.pulled(Duration.ofNanos(System.nanoTime() - start), imageSize(image));
            }
            return present ? ImageCheck.PRESENT : ImageCheck.missing("ErrImagePull", "pulling " + image
                    + " did not finish within " + pullTimeoutSeconds + " s (fix: load the image locally)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return present ? ImageCheck.PRESENT : ImageCheck.missing("ErrImagePull", "pull of " + image + " interrupted");
        } catch (RuntimeException e) {
            // A present image with policy Always still runs: an unreachable registry must not stop a pod.
            LOG.fine(() -> "pull of " + image + " failed: " + e.getMessage());
            return present ? ImageCheck.PRESENT : ImageCheck.missing("ErrImagePull", "image " + image
                    + " is not present and cannot be pulled (" + e.getMessage() + "); fix: build or load it into the"
                    + " node's Docker, e.g. bin/lib/docker-engine.sh image <dir>");
        }
    }

    /** @return the image's size in bytes for the Pulled event, 0 when Docker does not say */
    private long imageSize(String image) {
        try {
            Long size = docker.inspectImageCmd(image).exec().getSize();
            return size == null ? 0 : size;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private boolean isPresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public String createAndStart(ContainerSpec spec, int restartCount) {
        PodRef pod = spec.pod();
        HostConfig host = HostConfig.newHostConfig().withInit(true)
                .withNetworkMode(pod.hostNetwork() ? "host" : "none");
        if (!spec.mounts().isEmpty()) {
            host.withBinds(spec.mounts().stream().map(m -> new Bind(m.hostPath(), new Volume(m.containerPath()),
                    m.readOnly() ? AccessMode.ro : AccessMode.rw)).toList());
        }
        if (spec.memoryBytes() > 0) {
            host.withMemory(spec.memoryBytes());
        }
        if (spec.nanoCpus() > 0) {
            host.withNanoCPUs(spec.nanoCpus());
        }
        Map<String, String> labels = Map.of(LABEL_POD_UID, pod.uid(), LABEL_POD_NAME, pod.name(),
                LABEL_POD_NAMESPACE, pod.namespace(), LABEL_CONTAINER_NAME, spec.name(),
                LABEL_RESTART_COUNT, String.valueOf(restartCount));
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        // Named like dockershim did, so `docker ps` shows whose container it is.
        String name = "k8s_" + spec.name() + "_" + pod.name() + "_" + pod.namespace() + "_" + pod.uid() + "_"
                + restartCount;
        CreateContainerCmd create = docker.createContainerCmd(spec.image()).withName(name).withLabels(labels)
                .withEnv(env).withHostConfig(host);
        if (!pod.hostNetwork()) {
            create.withHostName(pod.name());
        }
        // Kubernetes: command replaces ENTRYPOINT, args replace CMD (Docker drops the image CMD with a new entrypoint).
        if (!spec.command().isEmpty()) {
            create.withEntrypoint(spec.command());
        }
        if (!spec.args().isEmpty()) {
            create.withCmd(spec.args());
        }
        String id;
        try {
            id = create.exec().getId();
        } catch (DockerException e) {
            throw new IllegalStateException(engineMessage(e), e);
        }
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            // Keep the created container: its state (StartError) is what the pod status reports.
            LOG.warning(() -> "pod " + spec.describe() + ": Docker could not start container " + id + ": "
                    + e.getMessage());
        }
        LOG.info(() -> "pod " + spec.describe() + ": started container " + id.substring(0, 12) + " (image "
                + spec.image() + ", restart " + restartCount + ")");
        return id;
    }

    @Override
    public List<ContainerState> listPodContainers(String podUid) {
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL_POD_UID, podUid)).exec();
        List<ContainerState> states = new ArrayList<>();
        for (Container c : containers) {
            try {
                InspectContainerResponse inspect = docker.inspectContainerCmd(c.getId()).exec();
                states.add(DockerStateMapper.map(inspect, startError(inspect)));
            } catch (NotFoundException e) {
                // Removed between list and inspect: not there any more.
            }
        }
        states.sort(Comparator.comparing(ContainerState::name).thenComparing(ContainerState::restartCount));
        return states;
    }

    @Override
    public void stop(String containerId, int graceSeconds) {
        try {
            docker.stopContainerCmd(containerId).withTimeout(graceSeconds).exec();
        } catch (NotFoundException | NotModifiedException e) {
            // Already gone or already stopped: the goal is reached.
        }
    }

    @Override
    public void remove(String containerId) {
        startErrors.remove(containerId);
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already removed.
        }
    }

    @Override
    public ExecResult exec(String containerId, List<String> command, Duration timeout) {
        return execs.run(containerId, command, timeout);
    }

    /**
     * With an init, a command that cannot be executed (no such file, not executable) does not fail the start: the
     * init exits 127 or 126 and says why on stderr ("[FATAL tini (7)] exec /x failed: No such file or directory").
     *
     * @return that reason, or null when the container did not end like that
     */
    private String startError(InspectContainerResponse inspect) {
        InspectContainerResponse.ContainerState s = inspect.getState();
        Long exit = s.getExitCodeLong();
        if (!"exited".equals(s.getStatus()) || exit == null || (exit != 126 && exit != 127)) {
            return null;
        }
        String found = startErrors.get(inspect.getId());
        if (found == null) {
            found = execs.initFailure(inspect.getId());
            startErrors.put(inspect.getId(), found);
        }
        return found.isEmpty() ? null : found;
    }

    /** @return Docker's own words from an error answer ("Status 400: {"message":"..."}" becomes "...") */
    static String engineMessage(DockerException e) {
        String text = e.getMessage() == null ? "HTTP " + e.getHttpStatus() : e.getMessage().strip();
        int brace = text.indexOf('{');
        if (brace >= 0) {
            try (JsonReader reader = Json.createReader(new StringReader(text.substring(brace)))) {
                return reader.readObject().getString("message", text);
            } catch (RuntimeException notJson) {
                return text;
            }
        }
        return text;
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing the Docker client for " + dockerHost + ": " + e);
        }
    }
}

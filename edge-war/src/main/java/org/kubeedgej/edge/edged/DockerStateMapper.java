package org.kubeedgej.edge.edged;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Docker's view of a container (inspect) in the terms of a Kubernetes ContainerStatus. */
final class DockerStateMapper {

    /** Docker's "never" timestamp. */
    private static final String ZERO_TIME_PREFIX = "0001-01-01";

    private DockerStateMapper() {
        throw new AssertionError();
    }

    static ContainerState map(InspectContainerResponse inspect) {
        return map(inspect, null);
    }

    /**
     * @param startError why the command never ran although the container started (see
     *        DockerJavaRuntime#startError), or null
     */
    static ContainerState map(InspectContainerResponse inspect, String startError) {
        Map<String, String> labels = inspect.getConfig().getLabels() == null ? Map.of()
                : inspect.getConfig().getLabels();
        String name = labels.getOrDefault(ContainerRuntime.LABEL_CONTAINER_NAME, inspect.getName());
        String image = inspect.getConfig().getImage();
        int restarts = parseInt(labels.get(ContainerRuntime.LABEL_RESTART_COUNT));
        InspectContainerResponse.ContainerState s = inspect.getState();
        String startedAt = time(s.getStartedAt());
        String finishedAt = time(s.getFinishedAt());
        int exitCode = s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue();
        if (Boolean.TRUE.equals(s.getRunning()) || Boolean.TRUE.equals(s.getRestarting())) {
            return new ContainerState(name, image, inspect.getId(), ContainerState.Phase.RUNNING, 0, null, null,
                    startedAt, null, restarts);
        }
        if ("created".equals(s.getStatus())) {
            String error = s.getError();
            if (error == null || error.isEmpty()) {
                return new ContainerState(name, image, inspect.getId(), ContainerState.Phase.WAITING, 0,
                        "ContainerCreating", null, null, null, restarts);
            }
            // Start failed (e.g. executable not found): Docker leaves it "created" with the error.
            return new ContainerState(name, image, inspect.getId(), ContainerState.Phase.TERMINATED,
                    exitCode == 0 ? 128 : exitCode, "StartError", error, startedAt, finishedAt, restarts);
        }
        if (startError != null) {
            // The kubelet's word for a command that could not be executed.
            return new ContainerState(name, image, inspect.getId(), ContainerState.Phase.TERMINATED, exitCode,
                    "StartError", startError, startedAt, finishedAt, restarts);
        }
        String reason = Boolean.TRUE.equals(s.getOOMKilled()) ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
        return new ContainerState(name, image, inspect.getId(), ContainerState.Phase.TERMINATED, exitCode, reason,
                s.getError() == null || s.getError().isEmpty() ? null : s.getError(), startedAt, finishedAt,
                restarts);
    }

    /** @return an RFC 3339 time to the second, as Kubernetes shows it, or null for Docker's zero time */
    static String time(String dockerTime) {
        if (dockerTime == null || dockerTime.isEmpty() || dockerTime.startsWith(ZERO_TIME_PREFIX)) {
            return null;
        }
        try {
            return Instant.parse(dockerTime).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return dockerTime;
        }
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

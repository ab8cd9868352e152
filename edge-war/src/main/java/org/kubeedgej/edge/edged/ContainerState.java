package org.kubeedgej.edge.edged;

/**
 * What one pod container is doing, in the terms of a Kubernetes ContainerStatus.
 *
 * @param name the container's name in the pod
 * @param image the image it runs (or should run)
 * @param containerId the Docker id, null while none exists
 * @param phase RUNNING, TERMINATED or WAITING
 * @param exitCode the exit code once terminated
 * @param reason waiting or terminated reason (ErrImagePull, CrashLoopBackOff, Completed, Error, ...)
 * @param message detail for the reason, may be null
 * @param startedAt RFC 3339, null if never started
 * @param finishedAt RFC 3339, null unless terminated
 * @param restartCount how often edged restarted it
 * @param lastState the previous attempt's termination (the kubelet's lastState.terminated), or null; it carries no
 *        lastState of its own
 */
record ContainerState(String name, String image, String containerId, Phase phase, int exitCode, String reason,
        String message, String startedAt, String finishedAt, int restartCount, ContainerState lastState) {

    enum Phase { RUNNING, TERMINATED, WAITING }

    ContainerState {
        if (lastState != null && (!lastState.terminated() || lastState.lastState != null)) {
            lastState = lastState.terminated() ? lastState.withLastState(null) : null;
        }
    }

    /** A state without a known previous attempt. */
    ContainerState(String name, String image, String containerId, Phase phase, int exitCode, String reason,
            String message, String startedAt, String finishedAt, int restartCount) {
        this(name, image, containerId, phase, exitCode, reason, message, startedAt, finishedAt, restartCount, null);
    }

    static ContainerState waiting(String name, String image, String reason, String message, int restartCount) {
        return new ContainerState(name, image, null, Phase.WAITING, 0, reason, message, null, null, restartCount);
    }

    /** @return this container waiting; if it had terminated, that termination becomes its lastState */
    ContainerState withWaiting(String newReason, String newMessage) {
        return new ContainerState(name, image, containerId, Phase.WAITING, exitCode, newReason, newMessage, startedAt,
                finishedAt, restartCount, terminated() ? this : lastState);
    }

    /** @param previous the previous attempt (used only if it terminated) */
    ContainerState withLastState(ContainerState previous) {
        return new ContainerState(name, image, containerId, phase, exitCode, reason, message, startedAt, finishedAt,
                restartCount, previous);
    }

    boolean running() {
        return phase == Phase.RUNNING;
    }

    boolean terminated() {
        return phase == Phase.TERMINATED;
    }
}

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
 */
record ContainerState(String name, String image, String containerId, Phase phase, int exitCode, String reason,
        String message, String startedAt, String finishedAt, int restartCount) {

    enum Phase { RUNNING, TERMINATED, WAITING }

    static ContainerState waiting(String name, String image, String reason, String message, int restartCount) {
        return new ContainerState(name, image, null, Phase.WAITING, 0, reason, message, null, null, restartCount);
    }

    ContainerState withWaiting(String newReason, String newMessage) {
        return new ContainerState(name, image, containerId, Phase.WAITING, exitCode, newReason, newMessage, startedAt,
                finishedAt, restartCount);
    }

    boolean running() {
        return phase == Phase.RUNNING;
    }

    boolean terminated() {
        return phase == Phase.TERMINATED;
    }
}

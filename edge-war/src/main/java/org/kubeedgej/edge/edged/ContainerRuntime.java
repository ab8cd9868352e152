package org.kubeedgej.edge.edged;

import java.time.Duration;
import java.util.List;

/**
 * What Edged needs from a container engine. Containers carry labels naming their pod and container, so the engine
 * itself is the record of what runs: after a reconnect or a restart of edgecore, Edged finds its containers again
 * instead of creating them twice.
 */
interface ContainerRuntime {

    String LABEL_POD_UID = "io.kubeedgej.pod.uid";
    String LABEL_POD_NAME = "io.kubeedgej.pod.name";
    String LABEL_POD_NAMESPACE = "io.kubeedgej.pod.namespace";
    String LABEL_CONTAINER_NAME = "io.kubeedgej.container.name";
    String LABEL_RESTART_COUNT = "io.kubeedgej.container.restartCount";

    /**
     * Makes sure the image is local, pulling it only for pull policy Always or when absent. Never throws for a
     * missing or unpullable image: the answer says why, for the container's waiting state.
     */
    ImageCheck ensureImage(String image, String pullPolicy);

    /**
     * Creates and starts a container for a pod container, with its resolved environment and bind mounts.
     *
     * @param restartCount stored as a label, so the count survives edgecore restarts
     * @return the container id
     */
    String createAndStart(ContainerSpec spec, int restartCount);

    /** @return the states of all containers (running or not) labelled with this pod uid */
    List<ContainerState> listPodContainers(String podUid);

    /** Stops a container: SIGTERM, then SIGKILL after the grace period. A container already gone is fine. */
    void stop(String containerId, int graceSeconds);

    /** Removes a stopped container. A container already gone is fine. */
    void remove(String containerId);

    /**
     * Runs a command inside a running container, as an exec probe does. Never throws for a failing command: a
     * container that is not running or gone answers with exit code -1 and the engine's message as output.
     *
     * @param command the command and its arguments, run without a shell
     * @param timeout how long to wait for the command to finish
     * @return its exit code and output, or a timeout
     */
    ExecResult exec(String containerId, List<String> command, Duration timeout);
}

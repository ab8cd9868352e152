package org.kubeedgej.edge.edged;

/**
 * The container a probe checks: its pod (for the network: only host-network pods can be reached on loopback) and
 * its Docker id (for exec).
 *
 * @param pod the container's pod
 * @param container the container's name in the pod
 * @param containerId the running container's Docker id
 */
record ProbeTarget(PodRef pod, String container, String containerId) {

    /** @return "pod ns/name container c", for log lines */
    String describe() {
        return "pod " + pod.describe() + " container " + container;
    }
}

package org.kubeedgej.edge.edged;

import java.util.Comparator;
import java.util.List;

/** The Docker containers edged made for one container of a pod, newest attempt first (logs, exec and attach). */
final class ContainerAttempts {

    private ContainerAttempts() {
        throw new AssertionError();
    }

    static List<ContainerState> newestFirst(PodManager pods, PodDefinition pod, String container) {
        return pods.runtime().listPodContainers(pod.ref().uid()).stream()
                .filter(s -> s.name().equals(container))
                .sorted(Comparator.comparingInt(ContainerState::restartCount).reversed()).toList();
    }
}

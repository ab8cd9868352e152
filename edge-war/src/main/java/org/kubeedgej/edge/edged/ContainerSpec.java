package org.kubeedgej.edge.edged;

import java.util.List;
import java.util.Map;

/**
 * One container of a pod as Docker should run it: everything the runtime needs, already parsed from the Pod JSON.
 *
 * @param pod the pod it belongs to (uid, name, namespace go into the container's labels)
 * @param name the container's name in the pod
 * @param image the image reference
 * @param imagePullPolicy Always, IfNotPresent or Never
 * @param command the entrypoint override, empty for the image's
 * @param args the arguments, empty for the image's
 * @param env plain environment values (valueFrom is not supported)
 * @param memoryBytes resources.limits.memory in bytes, 0 for no limit
 * @param nanoCpus resources.limits.cpu in nano-CPUs, 0 for no limit
 */
record ContainerSpec(PodRef pod, String name, String image, String imagePullPolicy, List<String> command,
        List<String> args, Map<String, String> env, long memoryBytes, long nanoCpus) {

    ContainerSpec {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** @return namespace/name/container, for logs */
    String describe() {
        return pod.describe() + " container " + name;
    }
}

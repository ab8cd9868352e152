package org.kubeedgej.edge.edged;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One container of a pod as Docker should run it: everything the runtime needs, already parsed from the Pod JSON.
 * The environment and mounts depend on ConfigMaps, Secrets and volumes on the node, so they are filled in right
 * before the container starts ({@link ContainerConfigResolver}); as parsed they are empty.
 *
 * @param pod the pod it belongs to (uid, name, namespace go into the container's labels)
 * @param name the container's name in the pod
 * @param image the image reference
 * @param imagePullPolicy Always, IfNotPresent or Never
 * @param command the entrypoint override, empty for the image's
 * @param args the arguments, empty for the image's
 * @param env the resolved environment, in definition order
 * @param memoryBytes resources.limits.memory in bytes, 0 for no limit
 * @param nanoCpus resources.limits.cpu in nano-CPUs, 0 for no limit
 * @param mounts the bind mounts of its volumeMounts
 * @param probes its liveness, readiness and startup probes
 */
record ContainerSpec(PodRef pod, String name, String image, String imagePullPolicy, List<String> command,
        List<String> args, Map<String, String> env, long memoryBytes, long nanoCpus, List<Mount> mounts,
        ContainerProbes probes) {

    ContainerSpec {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        mounts = List.copyOf(mounts);
        probes = probes == null ? ContainerProbes.NONE : probes;
    }

    /** A container without probes. */
    ContainerSpec(PodRef pod, String name, String image, String imagePullPolicy, List<String> command,
            List<String> args, Map<String, String> env, long memoryBytes, long nanoCpus, List<Mount> mounts) {
        this(pod, name, image, imagePullPolicy, command, args, env, memoryBytes, nanoCpus, mounts,
                ContainerProbes.NONE);
    }

    /** @return this container with its resolved environment and mounts */
    ContainerSpec withConfig(Map<String, String> resolvedEnv, List<Mount> resolvedMounts) {
        return new ContainerSpec(pod, name, image, imagePullPolicy, command, args, resolvedEnv, memoryBytes, nanoCpus,
                resolvedMounts, probes);
    }

    /** @return namespace/name/container, for logs */
    String describe() {
        return pod.describe() + " container " + name;
    }
}

package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.models.V1Pod;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which edge nodes need which ConfigMaps and Secrets: each pod bound to a node contributes the objects it
 * references. A ConfigMap or Secret goes only to the nodes listed here, and a node may only query what is listed
 * for it (KubeEdge's LocationCache, and the node authorizer's rule). Thread-safe; the informer threads of pods and
 * of ConfigMaps/Secrets read and write it concurrently.
 */
final class ConfigSourceIndex {

    private record Entry(String nodeId, Set<ConfigSourceRef> refs) {}

    private final Map<String, Entry> byPod = new HashMap<>();

    /**
     * Records what a pod references on its node, replacing what it referenced before.
     *
     * @param pod a pod; one not bound to a node (or finished) references nothing
     * @return the references it had before, empty if none
     */
    synchronized Set<ConfigSourceRef> put(V1Pod pod) {
        String uid = pod.getMetadata().getUid();
        String nodeId = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        Entry old = nodeId == null || isFinished(pod) ? byPod.remove(uid)
                : byPod.put(uid, new Entry(nodeId, Set.copyOf(PodConfigReferences.of(pod))));
        return old == null ? Set.of() : old.refs();
    }

    /**
     * @param podUid a pod that is gone
     * @return what it referenced, empty if none
     */
    synchronized Set<ConfigSourceRef> remove(String podUid) {
        Entry old = byPod.remove(podUid);
        return old == null ? Set.of() : old.refs();
    }

    /**
     * @param ref a ConfigMap or Secret
     * @return the nodes with at least one pod referencing it, sorted
     */
    synchronized Set<String> nodesFor(ConfigSourceRef ref) {
        Set<String> nodes = new TreeSet<>();
        byPod.values().stream().filter(e -> e.refs().contains(ref)).forEach(e -> nodes.add(e.nodeId()));
        return nodes;
    }

    /**
     * @param nodeId a node
     * @param ref a ConfigMap or Secret
     * @return whether a pod on that node references it
     */
    synchronized boolean isNeeded(String nodeId, ConfigSourceRef ref) {
        return byPod.values().stream().anyMatch(e -> e.nodeId().equals(nodeId) && e.refs().contains(ref));
    }

    /**
     * @param nodeId a node
     * @return everything the pods on that node reference
     */
    synchronized Set<ConfigSourceRef> refsOn(String nodeId) {
        Set<ConfigSourceRef> refs = new HashSet<>();
        byPod.values().stream().filter(e -> e.nodeId().equals(nodeId)).forEach(e -> refs.addAll(e.refs()));
        return refs;
    }

    /** A pod that ran to completion needs nothing more on its node. */
    private static boolean isFinished(V1Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}

package org.kubeedgej.edge.edged;

/**
 * Which pod: what labels and log lines name.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's uid; containers are found by it, so a re-created pod of the same name is a new pod
 * @param hostNetwork true: network mode host; false: none (KubeEdge-J never uses Docker's bridge)
 */
record PodRef(String namespace, String name, String uid, boolean hostNetwork) {

    /** @return namespace/name */
    String describe() {
        return namespace + "/" + name;
    }
}

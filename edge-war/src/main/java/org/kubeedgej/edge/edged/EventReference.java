package org.kubeedgej.edge.edged;

/**
 * What an Event is about (its involvedObject), as the kubelet refers to it: a pod's container is the pod with
 * fieldPath {@code spec.containers{name}}, a node is kind Node with its name as UID and no namespace.
 *
 * @param kind Pod or Node
 * @param apiVersion v1
 * @param namespace the object's namespace, empty for a node
 * @param name the object's name
 * @param uid the object's UID (a node's name for a node, as the kubelet's nodeRef)
 * @param fieldPath the part of the object, empty for the whole object
 */
record EventReference(String kind, String apiVersion, String namespace, String name, String uid, String fieldPath) {

    /** @return a pod container, as the kubelet's GenerateContainerRef names it */
    static EventReference container(PodRef pod, String container) {
        return new EventReference("Pod", "v1", pod.namespace(), pod.name(), pod.uid(),
                "spec.containers{" + container + "}");
    }

    /** @return the pod as a whole */
    static EventReference pod(PodRef pod) {
        return new EventReference("Pod", "v1", pod.namespace(), pod.name(), pod.uid(), "");
    }

    /** @return the node, as the kubelet's nodeRef (UID = name, no namespace) */
    static EventReference node(String name) {
        return new EventReference("Node", "", "", name, name, "");
    }

    /** @return the namespace the Event lives in: the object's, or default for a cluster-scoped object */
    String eventNamespace() {
        return namespace.isEmpty() ? "default" : namespace;
    }

    /** @return "Pod default/x" or "Node n", for log lines */
    String describe() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name
                + (fieldPath.isEmpty() ? "" : " " + fieldPath);
    }
}

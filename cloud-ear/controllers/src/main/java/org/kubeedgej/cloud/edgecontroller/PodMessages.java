package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.models.V1Pod;
import jakarta.json.Json;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/** KubeEdge's pod messages to an edge node: resource {@code node/<node>/<ns>/pod/<name>}, the pod as content. */
final class PodMessages {

    private static final MessageCodec CODEC = MessageCodec.create();

    private PodMessages() {
        throw new AssertionError();
    }

    static String insert(String nodeId, V1Pod pod) {
        return message(nodeId, pod, Operations.INSERT);
    }

    static String update(String nodeId, V1Pod pod) {
        return message(nodeId, pod, Operations.UPDATE);
    }

    static String delete(String nodeId, V1Pod pod) {
        return message(nodeId, pod, Operations.DELETE);
    }

    /**
     * A delete for a pod the edge holds and the cluster no longer has under that UID (KubeEdge's answer to a status
     * of such a pod): the content names the pod the edge must remove by its UID, so a newer pod of the same name
     * is not touched.
     */
    static String staleDelete(String nodeId, String namespace, String name, String uid) {
        String resource = ResourcePath.cloud(nodeId, namespace, ResourceTypes.POD, name).toString();
        return CODEC.encodeToString(Message.newRequest(Groups.EDGECONTROLLER, Groups.RESOURCE, Operations.DELETE,
                resource, Json.createObjectBuilder().add("apiVersion", "v1").add("kind", "Pod")
                        .add("metadata", Json.createObjectBuilder().add("name", name)
                                .add("namespace", namespace).add("uid", uid)).build()));
    }

    private static String message(String nodeId, V1Pod pod, String operation) {
        String resource = ResourcePath.cloud(nodeId, pod.getMetadata().getNamespace(), ResourceTypes.POD,
                pod.getMetadata().getName()).toString();
        Message message = Message.newRequest(Groups.EDGECONTROLLER, Groups.RESOURCE, operation, resource,
                ObjectJson.of(pod, "v1", "Pod"));
        return CODEC.encodeToString(message.withHeader(
                message.header().withResourceVersion(pod.getMetadata().getResourceVersion())));
    }
}

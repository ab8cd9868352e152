package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Pod;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
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

    private static String message(String nodeId, V1Pod pod, String operation) {
        String resource = ResourcePath.cloud(nodeId, pod.getMetadata().getNamespace(), ResourceTypes.POD,
                pod.getMetadata().getName()).toString();
        try (JsonReader reader = Json.createReader(new StringReader(JSON.serialize(pod)))) {
            Message message = Message.newRequest(Groups.EDGECONTROLLER, Groups.RESOURCE, operation, resource,
                    reader.readValue());
            return CODEC.encodeToString(message.withHeader(
                    message.header().withResourceVersion(pod.getMetadata().getResourceVersion())));
        }
    }
}

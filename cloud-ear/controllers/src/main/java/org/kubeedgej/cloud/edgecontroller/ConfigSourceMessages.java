package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import jakarta.json.JsonObject;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.MessageHeader;
import org.kubeedgej.shared.model.MessageRoute;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * KubeEdge's ConfigMap and Secret messages to an edge node, as EdgeController's downstream and upstream sides
 * write them: resource {@code node/<node>/<ns>/configmap/<name>} (or {@code secret}), the object as content with
 * apiVersion and kind, its resourceVersion in the header. A query is answered with a {@code response} carrying the
 * object, or an {@code error} carrying the reason, both with the query's id as parent_msg_id.
 */
final class ConfigSourceMessages {

    private static final MessageCodec CODEC = MessageCodec.create();

    private ConfigSourceMessages() {
        throw new AssertionError();
    }

    /**
     * @param nodeId the node
     * @param ref which object
     * @param operation insert, update or delete
     * @param object the object (for a delete: the last one known)
     * @return the message, as JSON
     */
    static String change(String nodeId, ConfigSourceRef ref, String operation, KubernetesObject object) {
        String resource = ResourcePath.cloud(nodeId, ref.namespace(), ref.type(), ref.name()).toString();
        Message message = Message.newRequest(Groups.EDGECONTROLLER, Groups.RESOURCE, operation, resource,
                content(object));
        return CODEC.encodeToString(message.withHeader(
                message.header().withResourceVersion(object.getMetadata().getResourceVersion())));
    }

    /**
     * @param query the edge's query, resource in the cloud form
     * @param object what it asked for
     * @return the answer, as JSON
     */
    static String response(Message query, KubernetesObject object) {
        MessageHeader header = MessageHeader.newHeader().withParentId(query.header().id())
                .withResourceVersion(object.getMetadata().getResourceVersion());
        return CODEC.encodeToString(Message.of(header, MessageRoute.of(Groups.EDGECONTROLLER, Groups.RESOURCE,
                Operations.RESPONSE, query.route().resource()), content(object)));
    }

    /**
     * @param query the edge's query, resource in the cloud form
     * @param reason why it cannot be answered, e.g. {@code configmap "app" not found}
     * @return the error answer, as JSON
     */
    static String error(Message query, String reason) {
        MessageHeader header = MessageHeader.newHeader().withParentId(query.header().id());
        return CODEC.encodeToString(Message.of(header, MessageRoute.of(Groups.EDGECONTROLLER, Groups.RESOURCE,
                Operations.ERROR, query.route().resource()), Message.textContent(reason)));
    }

    /** The object as the API server shows it; list items from an informer lack apiVersion and kind. */
    static JsonObject content(KubernetesObject object) {
        return ObjectJson.of(object, "v1", object instanceof V1ConfigMap ? "ConfigMap" : "Secret");
    }
}

package org.kubeedgej.cloud.messaging;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.MessageHeader;
import org.kubeedgej.shared.model.MessageRoute;
import org.kubeedgej.shared.model.Operations;

/**
 * Answers to an edge's requests, in KubeEdge's shapes: a {@code response} whose parent_msg_id is the request's id,
 * with the request's resource. An edge's kubelet waits for these (node registration, leases, status patches, pod
 * deletes), so every such request gets one, an error included. The answer goes on the node's queue with a key of its
 * own, so it never replaces an object's message nor is replaced by one.
 *
 * <p>Contents, as KubeEdge's EdgeController writes them: {@code "OK"}; an object ({@code ObjectResp}:
 * {@code {"Object": ..., "Err": null}}); or an error ({@code {"Object": null, "Err": {"ErrStatus": <Status>}}}),
 * which is how Go serialises a Kubernetes StatusError.
 */
@ApplicationScoped
public class EdgeReplies {

    /** ObjectResp's keys: KubeEdge's Go struct has no JSON tags. */
    static final String OBJECT = "Object";
    static final String ERR = "Err";
    static final String ERR_STATUS = "ErrStatus";

    private final MessageCodec codec = MessageCodec.create();

    @Inject
    DownstreamQueue queue;

    /**
     * @param nodeId the node that asked
     * @param request its request, resource in the cloud form
     */
    public void ok(String nodeId, Message request) {
        send(nodeId, request, Groups.EDGECONTROLLER, Groups.RESOURCE, request.route().resource(),
                Message.textContent(Message.ACK_CONTENT), "");
    }

    /**
     * @param nodeId the node that asked
     * @param request its request
     * @param object the Kubernetes object it gets ({@code ObjectResp.Object})
     * @param resourceVersion the object's resourceVersion, for the header
     */
    public void object(String nodeId, Message request, Object object, String resourceVersion) {
        JsonObject content = Json.createObjectBuilder().add(OBJECT, toJson(object)).add(ERR, JsonValue.NULL).build();
        send(nodeId, request, Groups.EDGECONTROLLER, Groups.RESOURCE, request.route().resource(), content,
                resourceVersion);
    }

    /**
     * @param nodeId the node that asked
     * @param request its request
     * @param object what it asked for, as the content itself (answers to queries)
     * @param resourceVersion the object's resourceVersion
     */
    public void plain(String nodeId, Message request, Object object, String resourceVersion) {
        send(nodeId, request, Groups.EDGECONTROLLER, Groups.RESOURCE, request.route().resource(), toJson(object),
                resourceVersion);
    }

    /**
     * @param nodeId the node that asked
     * @param request its request
     * @param status a Kubernetes Status (from {@link #status(ApiException)} or {@link #status(int, String, String)})
     * @param wrapped whether the answer is an ObjectResp ({@code {"Object":null,"Err":{"ErrStatus":...}}}) or the
     *        bare error ({@code {"ErrStatus":...}}), as KubeEdge answers queries and deletes
     */
    public void error(String nodeId, Message request, JsonObject status, boolean wrapped) {
        JsonObject err = Json.createObjectBuilder().add(ERR_STATUS, status).build();
        JsonObject content = wrapped ? Json.createObjectBuilder().add(OBJECT, JsonValue.NULL).add(ERR, err).build()
                : err;
        send(nodeId, request, Groups.EDGECONTROLLER, Groups.RESOURCE, request.route().resource(), content, "");
    }

    /**
     * An answer from another controller (DeviceController answers twin messages on group {@code twin}).
     *
     * @param nodeId the node
     * @param request the request
     * @param source the answering module
     * @param group the group
     * @param resource the resource, cloud form
     * @param content the content
     * @param resourceVersion the header's resourceversion, or empty
     */
    public void send(String nodeId, Message request, String source, String group, String resource,
            JsonValue content, String resourceVersion) {
        MessageHeader header = MessageHeader.newHeader().withParentId(request.header().id());
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            header = header.withResourceVersion(resourceVersion);
        }
        Message reply = Message.of(header, MessageRoute.of(source, group, Operations.RESPONSE, resource), content);
        queue.send(nodeId, "reply:" + request.header().id(), true, codec.encodeToString(reply));
    }

    /**
     * @param e a failed API call
     * @return the API server's Status, or one made from the exception when the body is not a Status
     */
    public static JsonObject status(ApiException e) {
        String body = e.getResponseBody();
        if (body != null && body.startsWith("{")) {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                JsonObject parsed = reader.readObject();
                if ("Status".equals(parsed.getString("kind", ""))) {
                    return parsed;
                }
            } catch (RuntimeException notJson) {
                // falls through to a made-up Status
            }
        }
        return status(e.getCode() == 0 ? 500 : e.getCode(), "InternalError", e.getMessage());
    }

    /**
     * @param code the HTTP code
     * @param reason a Kubernetes reason (NotFound, Forbidden, Conflict, ...)
     * @param message what went wrong
     * @return a Kubernetes Status
     */
    public static JsonObject status(int code, String reason, String message) {
        return Json.createObjectBuilder().add("kind", "Status").add("apiVersion", "v1")
                .add("metadata", JsonValue.EMPTY_JSON_OBJECT).add("status", "Failure")
                .add("message", message == null ? "" : message).add("reason", reason).add("code", code).build();
    }

    private static JsonValue toJson(Object object) {
        if (object instanceof JsonValue value) {
            return value;
        }
        try (JsonReader reader = Json.createReader(new StringReader(JSON.serialize(object)))) {
            return reader.readValue();
        }
    }
}

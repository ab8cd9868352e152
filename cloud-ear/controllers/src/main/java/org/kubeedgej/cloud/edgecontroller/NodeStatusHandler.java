package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.util.PatchUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.logging.Logger;
import org.kubeedgej.cloud.kubeapi.ConflictRetry;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * An edge node's status, in either of KubeEdge's forms: {@code update} of {@code nodestatus} carrying a
 * NodeStatusRequest ({@code {"UID", "Status", "ExtendResources"}}; a bare NodeStatus from older KubeEdge-J edges is
 * taken too) replaces the Node's status and is answered "OK"; {@code patch} of {@code nodepatch} carrying a
 * strategic merge patch as a JSON string (what KubeEdge 1.22's kubelet sends) is applied to the status subresource and
 * answered with the patched Node. A node may only report itself. API failures of the server kind are rethrown (the
 * upstream queue redelivers); a refusal is answered with the API server's Status.
 */
@ApplicationScoped
public class NodeStatusHandler {

    private static final Logger LOG = Logger.getLogger(NodeStatusHandler.class.getName());
    private static final int NOT_FOUND = 404;
    /** NodeStatusRequest's key for the status: KubeEdge's Go struct has no JSON tags. */
    static final String STATUS = "Status";

    @Inject
    ApiClient client;

    @Inject
    EdgeReplies replies;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        boolean status = event.is(ResourceTypes.NODE_STATUS, Operations.UPDATE);
        boolean patch = event.is(ResourceTypes.NODE_PATCH, Operations.PATCH);
        if (!status && !patch) {
            return;
        }
        event.take();
        ResourcePath path = event.objectPath().orElseThrow();
        String nodeId = event.nodeId();
        if (EdgeRequests.refuseOtherNode(event, path, "the status of node", patch, replies, LOG)) {
            return;
        }
        try {
            if (status) {
                V1Node node = writeStatus(nodeId, statusOf(event));
                if (node != null) {
                    replies.ok(nodeId, event.message());
                } else {
                    replies.error(nodeId, event.message(), EdgeReplies.status(NOT_FOUND, "NotFound", "nodes \""
                            + nodeId + "\" not found"), false);
                }
            } else {
                V1Node node = PatchUtils.patch(V1Node.class, () -> new CoreV1Api(client).patchNodeStatus(nodeId,
                        new V1Patch(EdgeRequests.text(event))).buildCall(null),
                        V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
                replies.object(nodeId, event.message(), ObjectJson.of(node, "v1", "Node"),
                        node.getMetadata().getResourceVersion());
            }
            LOG.fine(() -> "status of edge node " + nodeId + " written");
        } catch (IllegalArgumentException e) {
            EdgeRequests.refuseMalformed(event, e, replies, LOG);
        } catch (ApiException e) {
            EdgeRequests.answerApiFailure(event, e, patch, "write the status of edge node " + nodeId, replies, LOG);
        }
    }

    /** KubeEdge's NodeStatusRequest, or the bare NodeStatus older KubeEdge-J edges sent. */
    private static V1NodeStatus statusOf(EdgeMessageEvent event) {
        JsonValue content = event.message().content();
        if (content.getValueType() == JsonValue.ValueType.OBJECT && content.asJsonObject().containsKey(STATUS)) {
            JsonObject request = content.asJsonObject();
            if (request.get(STATUS).getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("NodeStatusRequest.Status is not an object");
            }
            return JSON.deserialize(request.getJsonObject(STATUS).toString(), V1NodeStatus.class);
        }
        return EdgeRequests.decode(event, V1NodeStatus.class);
    }

    /**
     * The kubelet endpoint CloudStream set (its stream port) stays, as in KubeEdge's updateNodeStatus: the edge
     * reports its own port, which the API server cannot reach.
     */
    static void keepKubeletEndpoint(V1Node node, V1NodeStatus status) {
        if (node.getStatus() == null || node.getStatus().getDaemonEndpoints() == null
                || node.getStatus().getDaemonEndpoints().getKubeletEndpoint() == null) {
            return;
        }
        Integer port = node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
        if (port != null && port != 0) {
            status.daemonEndpoints(new io.kubernetes.client.openapi.models.V1NodeDaemonEndpoints()
                    .kubeletEndpoint(new io.kubernetes.client.openapi.models.V1DaemonEndpoint().port(port)));
        }
    }

    private V1Node writeStatus(String name, V1NodeStatus status) throws ApiException {
        CoreV1Api api = new CoreV1Api(client);
        try {
            return ConflictRetry.onConflict(() -> {
                V1Node node = api.readNode(name).execute();
                keepKubeletEndpoint(node, status);
                node.setStatus(status);
                return api.replaceNodeStatus(name, node).execute();
            });
        } catch (ApiException e) {
            if (e.getCode() != NOT_FOUND) {
                throw e;
            }
            LOG.warning(() -> "status from edge node " + name + " dropped: its Node does not exist; it registers"
                    + " again on its next connection");
            return null;
        }
    }
}

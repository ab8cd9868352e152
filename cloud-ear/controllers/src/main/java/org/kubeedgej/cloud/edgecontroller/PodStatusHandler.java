package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.util.PatchUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.logging.Logger;
import org.kubeedgej.cloud.kubeapi.ConflictRetry;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.DownstreamQueue;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Pod status from an edge, in KubeEdge's forms: {@code update} of {@code podstatus} with a PodStatusRequest
 * ({@code {"UID", "Name", "Status"}}, or a list of them when the resource names no pod; the older
 * {@code {metadata, status}} is taken too), answered "OK"; and {@code patch} of {@code podpatch} with a strategic
 * merge patch as a JSON string (KubeEdge 1.22's kubelet), applied to the status subresource and answered with the
 * patched pod. The UID decides: a status is written only onto the pod with that UID and bound to that node. For a
 * pod the cluster no longer has under that UID the edge is told to delete it (as KubeEdge's EdgeController does), so
 * a stale pod restored at the edge never lends its status to a newer pod of the same name.
 */
@ApplicationScoped
public class PodStatusHandler {

    private static final Logger LOG = Logger.getLogger(PodStatusHandler.class.getName());
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    @Inject
    ApiClient client;

    @Inject
    EdgeReplies replies;

    @Inject
    DownstreamQueue queue;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        boolean status = event.is(ResourceTypes.POD_STATUS, Operations.UPDATE);
        boolean patch = event.is(ResourceTypes.POD_PATCH, Operations.PATCH);
        if (!status && !patch) {
            return;
        }
        event.take();
        ResourcePath path = event.objectPath().orElseThrow();
        try {
            if (status) {
                for (PodStatusRequest request : PodStatusRequest.read(event.message().content(), path.name())) {
                    writeStatus(event.nodeId(), path.namespace(), request);
                }
                replies.ok(event.nodeId(), event.message());
            } else {
                V1Pod pod = patchStatus(event, path);
                if (pod != null) {
                    replies.object(event.nodeId(), event.message(), ObjectJson.of(pod, "v1", "Pod"),
                            pod.getMetadata().getResourceVersion());
                }
            }
        } catch (IllegalArgumentException e) {
            EdgeRequests.refuseMalformed(event, e, replies, LOG);
        } catch (ApiException e) {
            EdgeRequests.answerApiFailure(event, e, patch, "write the status edge node " + event.nodeId()
                    + " reported for pod " + path.namespace() + "/" + path.name(), replies, LOG);
        }
    }

    private void writeStatus(String nodeId, String namespace, PodStatusRequest request) throws ApiException {
        CoreV1Api api = new CoreV1Api(client);
        // What the edge reports is the status; a pod changed meanwhile (marked for deletion, another report) is read
        // again rather than answered with a conflict the edge would not send again.
        boolean written = ConflictRetry.onConflict(() -> {
            V1Pod pod = readOrNull(api, namespace, request.name());
            if (!isTheEdgesPod(nodeId, namespace, request.name(), request.uid(), pod)) {
                return false;
            }
            pod.setStatus(JSON.deserialize(request.status().toString(), V1PodStatus.class));
            api.replaceNamespacedPodStatus(request.name(), namespace, pod).execute();
            return true;
        });
        if (!written) {
            return;
        }
        LOG.fine(() -> "status of pod " + namespace + "/" + request.name() + " from edge node " + nodeId + " written");
    }

    private V1Pod patchStatus(EdgeMessageEvent event, ResourcePath path) throws ApiException {
        String text = EdgeRequests.text(event);
        JsonObject patch;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            patch = reader.readObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the podpatch content is not a JSON object: " + e.getMessage(), e);
        }
        JsonObject metadata = patch.getJsonObject("metadata");
        String uid = metadata == null ? "" : metadata.getString("uid", "");
        CoreV1Api api = new CoreV1Api(client);
        V1Pod pod = readOrNull(api, path.namespace(), path.name());
        if (!isTheEdgesPod(event.nodeId(), path.namespace(), path.name(), uid, pod)) {
            replies.error(event.nodeId(), event.message(), EdgeReplies.status(pod == null ? NOT_FOUND : CONFLICT,
                    pod == null ? "NotFound" : "Conflict", "pods \"" + path.name() + "\" with UID " + uid
                    + " is not on node " + event.nodeId()), true);
            return null;
        }
        return PatchUtils.patch(V1Pod.class, () -> api.patchNamespacedPodStatus(path.name(), path.namespace(),
                new V1Patch(text)).buildCall(null), V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
    }

    /**
     * Whether the pod is the one the edge speaks of: same UID (when the edge names one) and bound to the node. A pod
     * gone or replaced under that name is deleted at the edge; one bound elsewhere is only logged.
     */
    private boolean isTheEdgesPod(String nodeId, String namespace, String name, String uid, V1Pod pod) {
        String key = namespace + "/" + name;
        if (pod == null || (!uid.isEmpty() && !uid.equals(pod.getMetadata().getUid()))) {
            LOG.info(() -> "edge node " + nodeId + " reported on pod " + key + " (UID " + uid + "), which the cluster"
                    + (pod == null ? " no longer has" : " now has with UID " + pod.getMetadata().getUid())
                    + "; status not written, and the edge is told to delete its copy");
            if (!uid.isEmpty()) {
                queue.send(nodeId, uid, true, PodMessages.staleDelete(nodeId, namespace, name, uid));
            }
            return false;
        }
        String boundTo = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (!nodeId.equals(boundTo)) {
            LOG.warning(() -> "edge node " + nodeId + " reported on pod " + key + ", which is bound to "
                    + (boundTo == null ? "no node" : boundTo) + "; ignored");
            return false;
        }
        return true;
    }

    private static V1Pod readOrNull(CoreV1Api api, String namespace, String name) throws ApiException {
        try {
            return api.readNamespacedPod(name, namespace).execute();
        } catch (ApiException e) {
            if (e.getCode() == NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}

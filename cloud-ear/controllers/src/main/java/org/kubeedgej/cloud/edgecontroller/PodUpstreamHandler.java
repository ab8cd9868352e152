package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * An edge's {@code delete} of {@code <ns>/pod/<name>}: its containers are gone, so a pod being deleted gracefully is
 * removed with grace period 0. The content is KubeEdge's DeleteOptions ({@code {"gracePeriodSeconds":0,
 * "preconditions":{"uid":...}}}), a bare UID string, or (older KubeEdge-J edges) the pod. The UID is a precondition,
 * so a newer pod of the same name is never deleted. Only the node a pod is bound to may confirm it, and only once
 * the pod is being deleted. Answered "OK" (also when the pod is already gone, as KubeEdge does), else with a Status.
 */
@ApplicationScoped
public class PodUpstreamHandler {

    private static final Logger LOG = Logger.getLogger(PodUpstreamHandler.class.getName());
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    @Inject
    ApiClient client;

    @Inject
    EdgeReplies replies;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        if (!event.is(ResourceTypes.POD, Operations.DELETE)) {
            return;
        }
        event.take();
        ResourcePath path = event.objectPath().orElseThrow();
        CoreV1Api api = new CoreV1Api(client);
        String key = path.namespace() + "/" + path.name();
        String uid = uidOf(event.message().content());
        try {
            V1Pod pod = api.readNamespacedPod(path.name(), path.namespace()).execute();
            if (!uid.isEmpty() && !uid.equals(pod.getMetadata().getUid())) {
                // The edge's pod is gone; this is a newer one of the same name (KubeEdge answers OK too).
                LOG.info(() -> "edge node " + event.nodeId() + " confirmed the deletion of pod " + key + " with UID "
                        + uid + "; the cluster's pod of that name is a newer one and is kept");
                replies.ok(event.nodeId(), event.message());
                return;
            }
            String refusal = refusal(event.nodeId(), pod);
            if (refusal != null) {
                LOG.warning(() -> "edge node " + event.nodeId() + " confirmed the deletion of pod " + key + "; refused: "
                        + refusal);
                replies.error(event.nodeId(), event.message(), EdgeReplies.status(CONFLICT, "Conflict", refusal),
                        false);
                return;
            }
            V1DeleteOptions options = new V1DeleteOptions().gracePeriodSeconds(0L)
                    .preconditions(new V1Preconditions().uid(pod.getMetadata().getUid()));
            api.deleteNamespacedPod(path.name(), path.namespace()).body(options).gracePeriodSeconds(0).execute();
            LOG.info(() -> "pod " + key + " stopped on edge node " + event.nodeId() + "; deleted");
            replies.ok(event.nodeId(), event.message());
        } catch (ApiException e) {
            if (e.getCode() == NOT_FOUND || e.getCode() == CONFLICT) {
                LOG.fine(() -> "pod " + key + " confirmed deleted by edge node " + event.nodeId() + " is already gone");
                replies.ok(event.nodeId(), event.message());
                return;
            }
            EdgeRequests.answerApiFailure(event, e, false, "delete pod " + key + " for edge node " + event.nodeId(),
                    replies, LOG);
        }
    }

    private static String refusal(String nodeId, V1Pod pod) {
        String boundTo = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (!nodeId.equals(boundTo)) {
            return "the pod is bound to " + (boundTo == null ? "no node" : "node " + boundTo);
        }
        if (pod.getMetadata().getDeletionTimestamp() == null) {
            return "the pod is not being deleted";
        }
        return null;
    }

    /** The UID the edge names: DeleteOptions.preconditions.uid, a bare UID string, or the pod's metadata.uid. */
    static String uidOf(JsonValue content) {
        if (content instanceof JsonString s) {
            return s.getString();
        }
        if (content.getValueType() != JsonValue.ValueType.OBJECT) {
            return "";
        }
        JsonObject o = content.asJsonObject();
        JsonObject holder = o.get("preconditions") instanceof JsonObject p ? p
                : o.get("metadata") instanceof JsonObject m ? m : JsonValue.EMPTY_JSON_OBJECT;
        return holder.get("uid") instanceof JsonString s ? s.getString() : "";
    }
}

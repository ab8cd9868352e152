package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.util.PatchUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Kubernetes Events an edge's kubelet records ({@code <ns>/event/<name>}): {@code insert} creates, {@code update}
 * replaces, {@code patch} applies KubeEdge's EventPatchInfo ({@code {"event": ..., "patchData": "<patch>"}}). Events
 * are fire-and-forget in KubeEdge: no answer, and one the API server refuses is only logged (never retried, as an
 * event is not worth blocking the node's other messages for).
 */
@ApplicationScoped
public class EventUpstreamHandler {

    private static final Logger LOG = Logger.getLogger(EventUpstreamHandler.class.getName());
    private static final Set<String> WRITES = Set.of(Operations.INSERT, Operations.UPDATE, Operations.PATCH);

    @Inject
    ApiClient client;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        String operation = event.message().route().operation();
        if (!event.is(ResourceTypes.EVENT, operation) || !WRITES.contains(operation)) {
            return;
        }
        event.take();
        ResourcePath path = event.objectPath().orElseThrow();
        CoreV1Api api = new CoreV1Api(client);
        try {
            switch (operation) {
                case Operations.INSERT -> api.createNamespacedEvent(path.namespace(), eventOf(event)).execute();
                case Operations.UPDATE -> api.replaceNamespacedEvent(path.name(), path.namespace(), eventOf(event))
                        .execute();
                case Operations.PATCH -> PatchUtils.patch(CoreV1Event.class, () -> api.patchNamespacedEvent(
                        path.name(), path.namespace(), new V1Patch(patchData(event))).buildCall(null),
                        V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
                default -> throw new IllegalStateException("not a write: " + operation);
            }
            LOG.fine(() -> "event " + path.namespace() + "/" + path.name() + " from edge node " + event.nodeId()
                    + " written (" + operation + ")");
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "edge node " + event.nodeId() + " sent a malformed event " + path.name() + "; dropped: "
                    + e.getMessage());
        } catch (ApiException e) {
            LOG.info(() -> "event " + path.namespace() + "/" + path.name() + " from edge node " + event.nodeId()
                    + " not written (HTTP " + e.getCode() + "); dropped");
        }
    }

    private static CoreV1Event eventOf(EdgeMessageEvent event) {
        CoreV1Event e = EdgeRequests.decode(event, CoreV1Event.class).apiVersion("v1").kind("Event");
        if (e.getMetadata() != null) {
            e.getMetadata().setUid(null);
        }
        return e;
    }

    private static String patchData(EdgeMessageEvent event) {
        JsonValue content = event.message().content();
        if (content.getValueType() == JsonValue.ValueType.OBJECT
                && content.asJsonObject().get("patchData") instanceof JsonString data) {
            return data.getString();
        }
        throw new IllegalArgumentException("an event patch carries {\"event\", \"patchData\"}, not a "
                + content.getValueType());
    }
}

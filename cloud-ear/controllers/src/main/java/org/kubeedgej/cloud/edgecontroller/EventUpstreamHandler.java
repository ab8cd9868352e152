package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.util.PatchUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
 * replaces, {@code patch} applies KubeEdge's EventPatchInfo ({@code {"event": ..., "patchData": "<patch>"}}), or
 * creates its Event when the patch finds none, as client-go's recorder does. Events are fire-and-forget in
 * KubeEdge: no answer, and one the API server refuses is only logged (never retried, as an event is not worth
 * blocking the node's other messages for).
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
                case Operations.PATCH -> patch(api, path, event);
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

    /**
     * client-go's recorder creates the Event when its patch finds none (it expired on the API server, or its insert
     * was lost while the edge was offline); the edge cannot see the answer, so the cloud does it, from the full Event
     * that KubeEdge's EventPatchInfo carries.
     */
    private void patch(CoreV1Api api, ResourcePath path, EdgeMessageEvent event) throws ApiException {
        try {
            PatchUtils.patch(CoreV1Event.class, () -> api.patchNamespacedEvent(path.name(), path.namespace(),
                    new V1Patch(patchData(event))).buildCall(null), V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH,
                    client);
        } catch (ApiException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            CoreV1Event full = patchedEvent(event);
            full.getMetadata().setResourceVersion(null);
            api.createNamespacedEvent(path.namespace(), full).execute();
            LOG.fine(() -> "event " + path.namespace() + "/" + path.name() + " from edge node " + event.nodeId()
                    + " was gone; created from its patch");
        }
    }

    private static CoreV1Event patchedEvent(EdgeMessageEvent event) {
        JsonValue content = event.message().content();
        if (content.getValueType() == JsonValue.ValueType.OBJECT
                && content.asJsonObject().get("event") instanceof JsonObject e
                && e.get("metadata") instanceof JsonObject) {
            try {
                CoreV1Event full = JSON.<CoreV1Event>deserialize(e.toString(), CoreV1Event.class).apiVersion("v1").kind("Event");
                full.getMetadata().setUid(null);
                return full;
            } catch (RuntimeException notAnEvent) {
                throw new IllegalArgumentException("the patch's event is not an Event: " + notAnEvent.getMessage(),
                        notAnEvent);
            }
        }
        throw new IllegalArgumentException("an event patch whose Event is gone must carry the Event with its metadata");
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

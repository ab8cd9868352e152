package org.kubeedgej.cloud.devicecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * What the edge's DeviceTwin reports ({@code cloud/pkg/devicecontroller/controller/upstream.go}): reported twin
 * values into {@code status.twins[].reported}, state and last online time into {@code status.state} and
 * {@code status.lastOnlineTime}; then, for a real change only ({@link DeviceStatusWriter}), a device event. Only
 * the node a Device is bound to may speak for it; an unknown device is logged and dropped. A report of what the
 * status holds already is not written at all.
 *
 * <p>The upstream transaction only hands the report to {@link DeviceStatusQueue}, which writes the newest report
 * of each device as fast as the API server takes them: a busy device costs one status write per round, not one
 * per message. Each report is confirmed to the edge after its write, as KubeEdge's upstream controller does. A
 * report still waiting when CloudCore stops is not lost for good: a KubeEdge edge sends unconfirmed reports again
 * after a minute, and every edge reports every device again when it reconnects.
 */
@ApplicationScoped
public class DeviceUpstreamHandler {

    private static final Logger LOG = Logger.getLogger(DeviceUpstreamHandler.class.getName());
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int ATTEMPTS = 3;

    @Inject
    ApiClient client;

    @Inject
    DeviceApiVersion apiVersion;

    @Inject
    Event<DeviceEvent> events;

    @Inject
    DeviceStatusQueue statusQueue;

    @Inject
    EdgeReplies replies;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        String operation = event.message().route().operation();
        if (Operations.GET.equals(operation) && ResourceTypes.MEMBERSHIP_DETAIL.equals(
                ResourcePath.trimNodePrefix(event.message().route().resource()))) {
            // KubeEdge's DeviceTwin asks on every connection and asks again until answered; membership itself is
            // delivered reliably on the node's queue, so the answer only confirms.
            event.take();
            confirm(event);
            return;
        }
        if (!Operations.UPDATE.equals(operation)) {
            return;
        }
        Optional<DeviceUpstreamResource> parsed = DeviceUpstreamResource.parse(event.message().route().resource());
        if (parsed.isEmpty()) {
            return;
        }
        event.take();
        DeviceUpstreamResource resource = parsed.get();
        JsonObject content = contentObject(event);
        if (content == null) {
            LOG.warning(() -> "edge node " + event.nodeId() + " sent a " + resource.kind() + " of device "
                    + resource.deviceId() + " that is not a JSON object; dropped");
            return;
        }
        statusQueue.submit(event.nodeId(), resource, content, event.message());
    }

    /**
     * KubeEdge's DeviceTwin keeps each message it sent until a reply names it, and sends it again after a minute:
     * answer "OK" on group twin, as KubeEdge's DeviceController does.
     */
    private void confirm(EdgeMessageEvent event) {
        confirm(event.nodeId(), event.message());
    }

    /** Confirms every edge message a written (or finally dropped) report stands for. */
    void confirm(DeviceReport report) {
        report.requests().forEach(request -> confirm(report.nodeId(), request));
    }

    private void confirm(String nodeId, Message request) {
        replies.send(nodeId, request, Groups.DEVICECONTROLLER, Groups.TWIN,
                ResourcePath.NODE_SEGMENT + "/" + nodeId + "/" + ResourceTypes.TWIN,
                Message.textContent(Message.ACK_CONTENT), "");
    }

    /**
     * Writes one report now (called by {@link DeviceStatusQueue}'s writer).
     *
     * @throws IllegalStateException when the API server fails; the report is kept and tried again
     */
    void writeNow(String nodeId, DeviceUpstreamResource resource, JsonObject content) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Optional<DeviceEvent> written = write(nodeId, resource, content);
                written.ifPresent(events::fire);
                return;
            } catch (ApiException e) {
                if (e.getCode() == NOT_FOUND) {
                    LOG.warning(() -> "edge node " + nodeId + " reported on device " + resource.deviceId()
                            + ", which does not exist in the cluster; dropped");
                    return;
                }
                if (e.getCode() != CONFLICT || attempt == ATTEMPTS) {
                    throw new IllegalStateException("cannot write what edge node " + nodeId
                            + " reported on device " + resource.deviceId() + ": HTTP " + e.getCode() + " "
                            + e.getResponseBody(), e);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Optional<DeviceEvent> write(String nodeId, DeviceUpstreamResource resource, JsonObject content)
            throws ApiException {
        CustomObjectsApi api = new CustomObjectsApi(client);
        String version = apiVersion.get();
        Map<String, Object> device = (Map<String, Object>) api.getNamespacedCustomObject(DeviceControllerConfig.GROUP,
                version, resource.namespace(), "devices", resource.name()).execute();
        String boundTo = DeviceSpec.of(Json.createObjectBuilder(device).build()).nodeName();
        if (!nodeId.equals(boundTo)) {
            LOG.warning(() -> "edge node " + nodeId + " reported on device " + resource.deviceId() + ", which is"
                    + " bound to " + (boundTo.isEmpty() ? "no node" : "edge node " + boundTo) + "; ignored");
            return Optional.empty();
        }
        DeviceStatusWriter status = new DeviceStatusWriter(device);
        String type;
        Optional<JsonObject> changed;
        if (DeviceUpstreamResource.TWIN.equals(resource.kind())) {
            type = DeviceEvent.TWIN_REPORTED;
            JsonObject reported = status.putReported(DeviceSpec.object(content, "twin"));
            changed = reported.isEmpty() ? Optional.empty()
                    : Optional.of(Json.createObjectBuilder().add("twins", reported).build());
        } else {
            type = DeviceEvent.STATE_CHANGED;
            changed = status.putState(content);
        }
        if (!status.staleTwins().isEmpty()) {
            LOG.info(() -> "edge node " + nodeId + " reported twin(s) " + status.staleTwins() + " of device "
                    + resource.deviceId() + " stamped before what the status holds; that older report is ignored");
        }
        if (!status.modified()) {
            LOG.fine(() -> "edge node " + nodeId + " reported what the status of device " + resource.deviceId()
                    + " holds already; nothing to write");
            return Optional.empty();
        }
        // The id names the write that records the change: the Device's UID and the resourceVersion the write is
        // based on. The write carries that resourceVersion, so at most one write succeeds from it.
        String eventId = DeviceEvent.idOf(type, metadata(device, "uid"), metadata(device, "resourceVersion"));
        api.replaceNamespacedCustomObjectStatus(DeviceControllerConfig.GROUP, version, resource.namespace(),
                "devices", resource.name(), status.device()).execute();
        LOG.fine(() -> "status of device " + resource.deviceId() + " from edge node " + nodeId + " written"
                + changed.map(c -> ": " + c + ", event " + eventId).orElse(" (no real change, no event)"));
        return changed.map(data -> new DeviceEvent(type, nodeId, resource.deviceId(), data, eventId));
    }

    private static String metadata(Map<String, Object> object, String key) {
        Object value = object.get("metadata") instanceof Map<?, ?> m ? m.get(key) : null;
        return value == null ? "" : value.toString();
    }

    private static JsonObject contentObject(EdgeMessageEvent event) {
        JsonValue content = event.message().content();
        if (content.getValueType() == JsonValue.ValueType.OBJECT) {
            return content.asJsonObject();
        }
        if (content.getValueType() == JsonValue.ValueType.STRING) {
            // KubeEdge's edge sends the payload as a JSON string inside the message.
            try (var reader = Json.createReader(new java.io.StringReader(((jakarta.json.JsonString) content)
                    .getString()))) {
                JsonValue parsed = reader.readValue();
                return parsed.getValueType() == JsonValue.ValueType.OBJECT ? parsed.asJsonObject() : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}

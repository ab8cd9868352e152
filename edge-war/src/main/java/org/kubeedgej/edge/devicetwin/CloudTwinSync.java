package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.eventbus.MqttPublisher;
import org.kubeedgej.edge.eventbus.MqttTopics;
import org.kubeedgej.shared.model.Message;

/**
 * What DeviceController sends (group {@code twin}): {@code membership} with added and removed devices, and
 * {@code device/<id>/twin/cloud_updated} with desired values. Both are written to the database before EdgeHub
 * acknowledges them; then mappers hear of them on {@code $hw/events/node/<node>/membership/updated} and the
 * device's {@code twin/update/document} and {@code twin/update/delta}. A repeated membership keeps reported values.
 */
@ApplicationScoped
public class CloudTwinSync {

    static final String MEMBERSHIP = "membership";
    static final String CLOUD_UPDATED = "/twin/cloud_updated";
    private static final String DEVICE = "device/";
    private static final Logger LOG = Logger.getLogger(CloudTwinSync.class.getName());

    @Inject
    DeviceStore store;

    @Inject
    MqttPublisher mqtt;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    /**
     * @param message a downstream message of group twin
     * @return whether it is stored (and may be acknowledged)
     */
    public boolean apply(Message message) {
        String resource = message.route().resource();
        if (message.content().getValueType() != JsonValue.ValueType.OBJECT) {
            LOG.warning(() -> "twin message " + resource + " from the cloud has no JSON object content; dropped");
            return true;
        }
        JsonObject content = message.content().asJsonObject();
        try {
            if (resource.equals(MEMBERSHIP) || resource.endsWith("/" + MEMBERSHIP)) {
                membership(content);
                return true;
            }
            if (resource.startsWith(DEVICE) && resource.endsWith(CLOUD_UPDATED)) {
                cloudUpdated(resource.substring(DEVICE.length(), resource.length() - CLOUD_UPDATED.length()),
                        content);
                return true;
            }
        } catch (RuntimeException e) {
            LOG.severe(() -> "DeviceTwin could not keep " + resource + " from the cloud (not acknowledged; the cloud"
                    + " resends): " + e.getMessage());
            return false;
        }
        LOG.warning(() -> "DeviceTwin does not know twin message " + resource + "; acknowledged and dropped");
        return true;
    }

    private void membership(JsonObject content) {
        long now = System.currentTimeMillis();
        String eventId = content.getString(TwinPayloads.EVENT_ID, "");
        List<DeviceRecord> added = new ArrayList<>();
        for (JsonObject d : objects(content, "added_devices")) {
            String id = d.getString("id", "");
            if (id.isEmpty()) {
                continue;
            }
            DeviceRecord existing = store.find(id).orElse(null);
            Map<String, Twin> twins = existing == null ? Map.of() : existing.twins();
            TwinMerge.Result merge = TwinMerge.fromCloud(twins, object(d, TwinPayloads.TWIN), id);
            DeviceRecord device = new DeviceRecord(id, d.getString("name", id), d.getString("description", ""),
                    existing == null ? d.getString("state", "unknown") : existing.state(),
                    existing == null ? "" : existing.lastOnline(), attributes(object(d, "attributes")),
                    merge.twins());
            store.save(device);
            added.add(device);
            publishTwinChanges(device, merge, eventId, now);
            LOG.info(() -> "device " + id + " joined node " + nodeName + " with twins " + device.twins().keySet());
        }
        List<DeviceRecord> removed = new ArrayList<>();
        for (JsonObject d : objects(content, "removed_devices")) {
            String id = d.getString("id", "");
            store.delete(id).ifPresent(gone -> {
                removed.add(gone);
                LOG.info(() -> "device " + id + " left node " + nodeName);
            });
        }
        if (!added.isEmpty() || !removed.isEmpty()) {
            mqtt.publish(MqttTopics.node(nodeName, "membership/updated"),
                    TwinPayloads.bytes(TwinPayloads.membershipUpdated(eventId, now, added, removed)));
        }
    }

    private void cloudUpdated(String deviceId, JsonObject content) {
        DeviceRecord device = store.find(deviceId).orElse(null);
        if (device == null) {
            LOG.warning(() -> "desired twins for device " + deviceId + ", which is not a member of node " + nodeName
                    + "; dropped (its membership comes first)");
            return;
        }
        long now = System.currentTimeMillis();
        TwinMerge.Result merge = TwinMerge.fromCloud(device.twins(), object(content, TwinPayloads.TWIN), deviceId);
        if (!merge.changed()) {
            return;
        }
        DeviceRecord updated = device.withTwins(merge.twins());
        store.save(updated);
        publishTwinChanges(updated, merge, content.getString(TwinPayloads.EVENT_ID, ""), now);
        LOG.info(() -> "desired twins " + merge.after().keySet() + " of device " + deviceId + " updated from the"
                + " cloud");
    }

    private void publishTwinChanges(DeviceRecord device, TwinMerge.Result merge, String eventId, long now) {
        if (merge.changed()) {
            mqtt.publish(MqttTopics.device(device.id(), "twin/update/document"),
                    TwinPayloads.bytes(TwinPayloads.document(eventId, now, merge)));
        }
        JsonObject delta = TwinPayloads.delta(eventId, now, device.twins());
        if (delta != null) {
            mqtt.publish(MqttTopics.device(device.id(), "twin/update/delta"), TwinPayloads.bytes(delta));
        }
    }

    private static Map<String, String> attributes(JsonObject attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach((name, a) -> {
            if (a.getValueType() == JsonValue.ValueType.OBJECT) {
                values.put(name, a.asJsonObject().getString("value", ""));
            }
        });
        return values;
    }

    private static JsonObject object(JsonObject parent, String key) {
        JsonValue v = parent.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject()
                : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static List<JsonObject> objects(JsonObject parent, String key) {
        JsonValue v = parent.get(key);
        if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        return v.asJsonArray().stream().filter(x -> x.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject).toList();
    }
}

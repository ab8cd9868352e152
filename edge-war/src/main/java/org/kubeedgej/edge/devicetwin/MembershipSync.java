package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.eventbus.MqttPublisher;
import org.kubeedgej.edge.eventbus.MqttTopics;

/**
 * The cloud's membership update ({@code added_devices}, {@code removed_devices}) as KubeEdge's
 * {@code dtmanager/membership.go} applies it. A device that joins is stored with its attributes and twins, and
 * announced on {@code $hw/events/node/<node>/membership/updated} (one message per device, a new event id); a device
 * already held gets its attributes and twins updated (the device's {@code updated} for attributes, document and
 * delta for twins) and no announcement. Desired values also come from the device's v1beta1 Device object when
 * MetaManager holds it ({@link DeviceObjectSync}), as KubeEdge v1.22's cloud sends them there only.
 */
@ApplicationScoped
public class MembershipSync {

    private static final Logger LOG = Logger.getLogger(MembershipSync.class.getName());

    @Inject
    DeviceStore store;

    @Inject
    TwinChanges changes;

    @Inject
    DeviceObjectSync deviceObjects;

    @Inject
    MqttPublisher mqtt;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    /**
     * @param content the membership message's content
     * @throws IllegalArgumentException when a device's twins cannot be read
     */
    void apply(JsonObject content) {
        long now = System.currentTimeMillis();
        for (JsonObject d : objects(content, "added_devices")) {
            String id = d.getString("id", "");
            if (!id.isEmpty()) {
                add(id, d, now);
            }
        }
        for (JsonObject d : objects(content, "removed_devices")) {
            String id = d.getString("id", "");
            store.delete(id).ifPresent(gone -> {
                mqtt.publish(MqttTopics.node(nodeName, "membership/updated"),
                        TwinPayloads.bytes(DevicePayloads.membershipUpdated(now, null, d)));
                LOG.info(() -> "device " + id + " left node " + nodeName);
            });
        }
    }

    private void add(String id, JsonObject d, long now) {
        DeviceRecord existing = store.find(id).filter(found -> found.id().equals(id)).orElse(null);
        Map<String, Twin> twins = existing == null ? Map.of() : existing.twins();
        TwinMerge.Result merge = TwinMerge.fromCloud(id, twins, TwinRequests.twins(object(d, TwinPayloads.TWIN)),
                now);
        merge = merge.then(TwinMerge.fromCloud(id, merge.twins(), deviceObjects.desired(id), now));
        Map<String, String> attributes = attributes(object(d, "attributes"));
        DeviceRecord device = new DeviceRecord(id, d.getString("name", id), d.getString("description", ""),
                existing == null ? d.getString("state", "") : existing.state(),
                existing == null ? "" : existing.lastOnline(), attributes, merge.twins());
        store.save(device);
        changes.publish(id, merge, "", now);
        Map<String, JsonValue> attributeChanges = attributeChanges(existing == null ? Map.of()
                : existing.attributes(), attributes);
        if (!attributeChanges.isEmpty()) {
            mqtt.publish(MqttTopics.device(id, "updated"),
                    TwinPayloads.bytes(DevicePayloads.attributesUpdated(now, attributeChanges)));
        }
        if (existing == null) {
            mqtt.publish(MqttTopics.node(nodeName, "membership/updated"),
                    TwinPayloads.bytes(DevicePayloads.membershipUpdated(now, d, null)));
            LOG.info(() -> "device " + id + " joined node " + nodeName + " with twins " + device.twins().keySet());
        } else if (merge.changed() || !attributeChanges.isEmpty()) {
            LOG.info(() -> "device " + id + " on node " + nodeName + " updated by the cloud's membership");
        }
    }

    /** KubeEdge's {@code DealMsgAttr} for the cloud: new and changed attributes, and null for removed ones. */
    private static Map<String, JsonValue> attributeChanges(Map<String, String> before, Map<String, String> after) {
        Map<String, JsonValue> changed = new LinkedHashMap<>();
        after.forEach((name, value) -> {
            if (!before.containsKey(name)) {
                changed.put(name, DevicePayloads.attribute(value));
            } else if (!Objects.equals(before.get(name), value)) {
                changed.put(name, jakarta.json.Json.createObjectBuilder().add("value", value).build());
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> changed.put(name, JsonValue.NULL));
        return changed;
    }

    private static Map<String, String> attributes(JsonObject attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach((name, a) -> {
            if (a instanceof JsonObject o && o.get("value") instanceof JsonString s) {
                values.put(name, s.getString());
            }
        });
        return values;
    }

    private static JsonObject object(JsonObject parent, String key) {
        return parent.get(key) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
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

package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The device JSON DeviceTwin publishes ({@code dttype}): membership/get results, membership/updated, the
 * device's {@code updated} (attributes) and state/update results. Empty fields are left out, as Go's
 * {@code omitempty} leaves them.
 */
final class DevicePayloads {

    /** KubeEdge's states that mean "seen now" (last online time). */
    static final Set<String> SEEN = Set.of("online", "ok");

    private DevicePayloads() {
        throw new AssertionError();
    }

    /** @return membership/get/result: each device without its twins ({@code BuildMembershipGetResult}) */
    static JsonObject membership(String eventId, long now, Collection<DeviceRecord> devices) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        devices.forEach(d -> list.add(device(d)));
        return TwinPayloads.base(eventId, now).add("devices", list).build();
    }

    private static JsonObject device(DeviceRecord device) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        addIfSet(b, "id", device.id());
        addIfSet(b, "name", device.name());
        addIfSet(b, "description", device.description());
        addIfSet(b, "state", device.state());
        addIfSet(b, "last_online", device.lastOnline());
        if (!device.attributes().isEmpty()) {
            JsonObjectBuilder attributes = Json.createObjectBuilder();
            new TreeMap<>(device.attributes()).forEach((name, value) -> attributes.add(name, attribute(value)));
            b.add("attributes", attributes);
        }
        return b.build();
    }

    /** @return an attribute as KubeEdge's {@code MsgAttr}; attributes are kept as optional strings */
    static JsonObject attribute(String value) {
        return Json.createObjectBuilder().add("value", value).add("optional", true)
                .add("metadata", Json.createObjectBuilder().add(Twin.TYPE, "string")).build();
    }

    /**
     * @param added a device that joined, as the cloud sent it, or null
     * @param removed a device that left, as the cloud sent it, or null
     * @return membership/updated: one device, a new event id, the other list null (KubeEdge sends one per device)
     */
    static JsonObject membershipUpdated(long now, JsonObject added, JsonObject removed) {
        return TwinPayloads.fresh(now)
                .add("added_devices", added == null ? JsonValue.NULL : Json.createArrayBuilder().add(announced(added))
                        .build())
                .add("removed_devices", removed == null ? JsonValue.NULL
                        : Json.createArrayBuilder().add(announced(removed)).build())
                .build();
    }

    /** The device as the cloud sent it, its twins without versions and a deleted twin as null. */
    private static JsonObject announced(JsonObject device) {
        if (!(device.get(TwinPayloads.TWIN) instanceof JsonObject twins)) {
            return device;
        }
        JsonObjectBuilder t = Json.createObjectBuilder();
        new TreeMap<>(twins).forEach((name, twin) -> {
            if (twin instanceof JsonObject o && !(o.get(Twin.METADATA) instanceof JsonObject m
                    && TwinRules.DELETED.equals(m.getString(Twin.TYPE, "")))) {
                t.add(name, Json.createObjectBuilder(o).remove(Twin.EXPECTED_VERSION).remove(Twin.ACTUAL_VERSION));
            } else {
                t.add(name, JsonValue.NULL);
            }
        });
        return Json.createObjectBuilder(device).add(TwinPayloads.TWIN, t).build();
    }

    /**
     * @param changes attribute name to what changed ({@code MsgAttr}), JSON null for a removed one
     * @return the device's {@code updated} message (KubeEdge's {@code DeviceAttrUpdate}, event id "" as KubeEdge
     *     sends it for the cloud's membership)
     */
    static JsonObject attributesUpdated(long now, Map<String, JsonValue> changes) {
        JsonObjectBuilder attributes = Json.createObjectBuilder();
        new TreeMap<>(changes).forEach(attributes::add);
        return TwinPayloads.base("", now).add("attributes", attributes).build();
    }

    /**
     * @return state/update/result, also the state sent to the cloud: a new event id and the device's name, state
     *     and, for an online state only, its last online time ({@code BuildDeviceCloudMsgState})
     */
    static JsonObject state(long now, DeviceRecord device) {
        JsonObjectBuilder d = Json.createObjectBuilder();
        addIfSet(d, "name", device.name());
        addIfSet(d, "state", device.state());
        if (SEEN.contains(device.state().toLowerCase(java.util.Locale.ROOT))) {
            addIfSet(d, "lastOnlineTime", device.lastOnline());
        }
        return TwinPayloads.fresh(now).add("device", d).build();
    }

    private static void addIfSet(JsonObjectBuilder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.add(key, value);
        }
    }
}

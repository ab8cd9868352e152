package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON DeviceTwin publishes ({@code dttype/types_helper.go}): results with {@code event_id}, {@code timestamp}
 * and, on failure, {@code code} and {@code reason}; documents of {@code last}/{@code current} twins; deltas with
 * the expected value of each twin whose actual differs; membership lists.
 */
final class TwinPayloads {

    static final String EVENT_ID = "event_id";
    static final String TIMESTAMP = "timestamp";
    static final String TWIN = "twin";

    private TwinPayloads() {
        throw new AssertionError();
    }

    static JsonObjectBuilder base(String eventId, long now) {
        return Json.createObjectBuilder().add(EVENT_ID, eventId == null ? "" : eventId).add(TIMESTAMP, now);
    }

    static byte[] bytes(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject failure(String eventId, long now, TwinRejection rejection) {
        return base(eventId, now).add("code", rejection.code()).add("reason", rejection.reason()).build();
    }

    static JsonObject updateResult(String eventId, long now, Map<String, Twin> changed) {
        return base(eventId, now).add(TWIN, twins(changed.values())).build();
    }

    static JsonObject document(String eventId, long now, TwinMerge.Result merge) {
        JsonObjectBuilder twins = Json.createObjectBuilder();
        merge.after().forEach((name, current) -> {
            Twin last = merge.before().get(name);
            twins.add(name, Json.createObjectBuilder()
                    .add("last", last == null ? JsonValue.NULL : last.toJson())
                    .add("current", current.toJson()));
        });
        return base(eventId, now).add(TWIN, twins).build();
    }

    /** @return the delta message, or null when every expected value equals its actual one */
    static JsonObject delta(String eventId, long now, Map<String, Twin> twins) {
        JsonObjectBuilder delta = Json.createObjectBuilder();
        boolean any = false;
        for (Twin twin : twins.values()) {
            if (twin.differs()) {
                delta.add(twin.name(), twin.expected().value());
                any = true;
            }
        }
        return any ? base(eventId, now).add(TWIN, twins(twins.values())).add("delta", delta).build() : null;
    }

    static JsonObject getResult(String eventId, long now, DeviceRecord device) {
        return base(eventId, now).add(TWIN, twins(device.twins().values())).build();
    }

    static JsonObject twins(Collection<Twin> twins) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        twins.forEach(t -> b.add(t.name(), t.toJson()));
        return b.build();
    }

    /** The device as KubeEdge's {@code dttype.Device}. */
    static JsonObject device(DeviceRecord device) {
        JsonObjectBuilder attributes = Json.createObjectBuilder();
        device.attributes().forEach((name, value) -> attributes.add(name, Json.createObjectBuilder()
                .add("value", value).add("optional", true)
                .add("metadata", Json.createObjectBuilder().add("type", "string"))));
        return Json.createObjectBuilder()
                .add("id", device.id())
                .add("name", device.name())
                .add("description", device.description())
                .add("state", device.state())
                .add("last_online", device.lastOnline())
                .add("attributes", attributes)
                .add(TWIN, twins(device.twins().values()))
                .build();
    }

    static JsonObject membership(String eventId, long now, Collection<DeviceRecord> devices) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        devices.forEach(d -> list.add(device(d)));
        return base(eventId, now).add("devices", list).build();
    }

    static JsonObject membershipUpdated(String eventId, long now, Collection<DeviceRecord> added,
            Collection<DeviceRecord> removed) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        added.forEach(d -> a.add(device(d)));
        JsonArrayBuilder r = Json.createArrayBuilder();
        removed.forEach(d -> r.add(device(d)));
        return base(eventId, now).add("added_devices", a).add("removed_devices", r).build();
    }

    static JsonObject state(String eventId, long now, DeviceRecord device) {
        return base(eventId, now).add("device", Json.createObjectBuilder().add("name", device.name())
                .add("state", device.state()).add("lastOnlineTime", device.lastOnline())).build();
    }
}

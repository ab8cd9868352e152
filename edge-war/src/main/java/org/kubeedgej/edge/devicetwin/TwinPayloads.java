package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The twin JSON DeviceTwin publishes, as KubeEdge's {@code dttype/types_helper.go} builds it: results with
 * {@code event_id} and {@code timestamp} (and {@code code} and {@code reason} on failure), documents of
 * {@code last}/{@code current} twins, deltas. Twins go out without their versions and by name in order, as Go
 * marshals a map.
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

    /** @return a base with a new event id, as KubeEdge's {@code BuildBaseMessage} for what it sends unasked */
    static JsonObjectBuilder fresh(long now) {
        return base(UUID.randomUUID().toString(), now);
    }

    static byte[] bytes(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject failure(String eventId, long now, TwinRejection rejection) {
        return base(eventId, now).add("code", rejection.code()).add("reason", rejection.reason()).build();
    }

    /** @param changed what changed, by twin (JSON null for a deleted twin) */
    static JsonObject updateResult(String eventId, long now, Map<String, JsonValue> changed) {
        JsonObjectBuilder twins = Json.createObjectBuilder();
        new TreeMap<>(changed).forEach(twins::add);
        return base(eventId, now).add(TWIN, twins).build();
    }

    static JsonObject document(String eventId, long now, TwinMerge.Result merge) {
        JsonObjectBuilder twins = Json.createObjectBuilder();
        new TreeMap<>(merge.after()).keySet().forEach(name -> twins.add(name, Json.createObjectBuilder()
                .add("last", json(merge.before().get(name)))
                .add("current", json(merge.after().get(name)))));
        return base(eventId, now).add(TWIN, twins).build();
    }

    private static JsonValue json(Twin twin) {
        return twin == null ? JsonValue.NULL : twin.toJson();
    }

    /**
     * @return the delta (a new event id; every twin with a desired value; the desired value of each whose reported
     *     one differs), or null when none differs
     */
    static JsonObject delta(long now, Collection<Twin> twins) {
        JsonObjectBuilder listed = Json.createObjectBuilder();
        JsonObjectBuilder delta = Json.createObjectBuilder();
        boolean any = false;
        for (Twin twin : sorted(twins)) {
            if (twin.hasDesired()) {
                listed.add(twin.name(), twin.toJson());
            }
            if (twin.differs()) {
                delta.add(twin.name(), twin.expected().value());
                any = true;
            }
        }
        return any ? fresh(now).add(TWIN, listed).add("delta", delta).build() : null;
    }

    static JsonObject getResult(String eventId, long now, DeviceRecord device) {
        return base(eventId, now).add(TWIN, twins(device.twins().values())).build();
    }

    /** @return the twins as mappers get them */
    static JsonObject twins(Collection<Twin> twins) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        sorted(twins).forEach(t -> b.add(t.name(), t.toJson()));
        return b.build();
    }

    /** @return the twins as the cloud gets them (twin/edge_updated), with versions */
    static JsonObject cloudTwins(Collection<Twin> twins) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        sorted(twins).forEach(t -> b.add(t.name(), t.toCloudJson()));
        return b.build();
    }

    private static Collection<Twin> sorted(Collection<Twin> twins) {
        Map<String, Twin> byName = new TreeMap<>();
        twins.forEach(t -> byName.put(t.name(), t));
        return byName.values();
    }
}

package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * One side of a twin, expected (desired) or actual (reported), as KubeEdge's {@code dttype.TwinValue}: a string
 * value and metadata (at least the timestamp of the change in ms).
 *
 * @param value the value, null when absent
 * @param metadata {@code {"timestamp":ms, ...}}
 */
public record TwinValue(String value, JsonObject metadata) {

    static final String VALUE = "value";
    static final String METADATA = "metadata";
    static final String TIMESTAMP = "timestamp";

    /** Checks metadata is present. */
    public TwinValue {
        Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * @param value the value
     * @param timestamp when it was set, ms since the epoch
     * @return the value with {@code {"timestamp":ms}} as its metadata
     */
    public static TwinValue at(String value, long timestamp) {
        return new TwinValue(value, Json.createObjectBuilder().add(TIMESTAMP, timestamp).build());
    }

    /** @return the JSON form {@code {"value":..,"metadata":{..}}} */
    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (value != null) {
            b.add(VALUE, value);
        }
        return b.add(METADATA, metadata).build();
    }

    /**
     * @param json a twin value object
     * @return the value; a missing value is null
     * @throws IllegalArgumentException when the value is not a string or the metadata not an object
     */
    public static TwinValue fromJson(JsonValue json) {
        if (json == null || json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("a twin value must be an object {\"value\":\"...\"}");
        }
        JsonObject o = json.asJsonObject();
        JsonValue v = o.get(VALUE);
        String value;
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            value = null;
        } else if (v.getValueType() == JsonValue.ValueType.STRING) {
            value = ((JsonString) v).getString();
        } else {
            throw new IllegalArgumentException("a twin value must be a string, got " + v.getValueType());
        }
        JsonValue m = o.get(METADATA);
        JsonObject metadata = m != null && m.getValueType() == JsonValue.ValueType.OBJECT ? m.asJsonObject()
                : JsonValue.EMPTY_JSON_OBJECT;
        return new TwinValue(value, metadata);
    }
}

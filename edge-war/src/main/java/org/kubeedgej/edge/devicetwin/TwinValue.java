package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Objects;

/**
 * One side of a twin, expected (desired) or actual (reported), as KubeEdge's {@code dttype.TwinValue}: a string
 * value and the time it was set. KubeEdge's value metadata holds only that timestamp, set by the edge when it
 * takes the value; what a request says in it is not kept.
 *
 * @param value the value
 * @param timestamp when the edge took it, ms since the epoch; 0 when unknown
 */
public record TwinValue(String value, long timestamp) {

    static final String VALUE = "value";
    static final String METADATA = "metadata";
    static final String TIMESTAMP = "timestamp";

    /** Checks the value is present. */
    public TwinValue {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the value
     * @param timestamp when it was set, ms since the epoch
     * @return the value
     */
    public static TwinValue at(String value, long timestamp) {
        return new TwinValue(value, timestamp);
    }

    /** @return the JSON form {@code {"value":..,"metadata":{"timestamp":ms}}} */
    public JsonObject toJson() {
        return Json.createObjectBuilder().add(VALUE, value).add(METADATA, metadataJson()).build();
    }

    /** @return {@code {"timestamp":ms}}, or {@code {}} when the time is unknown (Go's omitempty) */
    JsonObject metadataJson() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (timestamp != 0) {
            b.add(TIMESTAMP, timestamp);
        }
        return b.build();
    }
}

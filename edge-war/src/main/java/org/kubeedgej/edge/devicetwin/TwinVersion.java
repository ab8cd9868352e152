package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A twin value's version as KubeEdge keeps it ({@code dttype.TwinVersion}): how many times the cloud and the edge
 * changed it. A sync from the cloud older than what the edge holds is stale and refused.
 *
 * @param cloud the cloud's count
 * @param edge the edge's count
 */
public record TwinVersion(long cloud, long edge) {

    static final String CLOUD = "cloud";
    static final String EDGE = "edge";

    /** The version of a value never set. */
    public static final TwinVersion NONE = new TwinVersion(0, 0);

    /** @return this version after a change made at the edge */
    public TwinVersion edgeUpdated() {
        return new TwinVersion(cloud, edge + 1);
    }

    /** @return the JSON form {@code {"cloud":c,"edge":e}} */
    public JsonObject toJson() {
        return Json.createObjectBuilder().add(CLOUD, cloud).add(EDGE, edge).build();
    }

    /**
     * @param json {@code {"cloud":c,"edge":e}}, or null
     * @return the version, {@link #NONE} for null or JSON null
     * @throws IllegalArgumentException when it is not such an object
     */
    public static TwinVersion fromJson(JsonValue json) {
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return NONE;
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("a twin version must be an object {\"cloud\":n,\"edge\":n}");
        }
        JsonObject o = json.asJsonObject();
        return new TwinVersion(number(o, CLOUD), number(o, EDGE));
    }

    private static long number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return 0;
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new IllegalArgumentException("twin version field '" + key + "' must be a number");
        }
        return ((JsonNumber) v).longValueExact();
    }
}

package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kubeedgej.shared.model.BoundedJson;

/**
 * Reads the JSON of device requests as KubeEdge's Go structs take it ({@code dttype.DeviceTwinUpdate},
 * {@code BaseMessage}, {@code DeviceUpdate}): unknown fields are ignored, null is "absent", and a field of the
 * wrong JSON type fails the whole request. Twin updates then pass KubeEdge's name and value checks. Failures are
 * 400s carrying KubeEdge's texts.
 */
final class TwinRequests {

    static final String UNMARSHAL_ERROR = "Unmarshal update request body failed, please check the request";
    static final String NO_TWIN = "Update twin error, key:twin does not exist";
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final int ECHO = 200;

    /** A field of the wrong JSON type: Go's json.Unmarshal fails on it. */
    private static final class Mismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Mismatch(String what) {
            super(what);
        }
    }

    private TwinRequests() {
        throw new AssertionError();
    }

    /** @return the request's {@code event_id} when it can be read, else "" (for the answers to bad requests) */
    static String eventId(String text) {
        try {
            return read(text) instanceof JsonObject o && o.get(TwinPayloads.EVENT_ID) instanceof JsonString s
                    ? s.getString() : "";
        } catch (JsonException e) {
            return "";
        }
    }

    /**
     * @param text a twin/update payload
     * @return the twins it names, in its order; a twin given as null is to be deleted
     * @throws TwinRejection 400 with KubeEdge's reason
     */
    static Map<String, TwinPatch> twinUpdate(String text) throws TwinRejection {
        Map<String, TwinPatch> twins;
        try {
            JsonValue body = read(text);
            if (body.getValueType() == JsonValue.ValueType.NULL) {
                throw new TwinRejection(TwinRejection.BAD_REQUEST, NO_TWIN);
            }
            JsonObject o = object(body, "request");
            checkBase(o);
            JsonValue twin = o.get(TwinPayloads.TWIN);
            if (twin == null || twin.getValueType() == JsonValue.ValueType.NULL) {
                throw new TwinRejection(TwinRejection.BAD_REQUEST, NO_TWIN);
            }
            twins = twins(object(twin, TwinPayloads.TWIN));
        } catch (JsonException | Mismatch e) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, UNMARSHAL_ERROR);
        }
        for (Map.Entry<String, TwinPatch> e : twins.entrySet()) {
            if (!TwinRules.validKey(e.getKey())) {
                throw new TwinRejection(TwinRejection.BAD_REQUEST, TwinRules.KEY_ERROR);
            }
            TwinPatch p = e.getValue();
            if (p != null && !(valid(p.expected()) && valid(p.actual()))) {
                throw new TwinRejection(TwinRejection.BAD_REQUEST, TwinRules.VALUE_ERROR);
            }
        }
        return twins;
    }

    private static boolean valid(String value) {
        return value == null || TwinRules.validValue(value);
    }

    /**
     * @param twin a {@code twin} object (a request's, a membership device's, a cloud_updated message's)
     * @return the twins by name, in order; JSON null stays null
     * @throws IllegalArgumentException when a part is of the wrong JSON type or a value object has no value
     */
    static Map<String, TwinPatch> twins(JsonObject twin) {
        Map<String, TwinPatch> twins = new LinkedHashMap<>();
        twin.forEach((name, value) -> twins.put(name, value.getValueType() == JsonValue.ValueType.NULL ? null
                : patch(name, object(value, "twin " + name))));
        return twins;
    }

    private static TwinPatch patch(String name, JsonObject msg) {
        JsonObject metadata = optionalObject(msg, Twin.METADATA);
        JsonValue optional = msg.get(Twin.OPTIONAL);
        if (optional != null && optional.getValueType() != JsonValue.ValueType.NULL
                && optional != JsonValue.TRUE && optional != JsonValue.FALSE) {
            throw new Mismatch("twin " + name + ": optional");
        }
        return new TwinPatch(value(name, msg, Twin.EXPECTED), value(name, msg, Twin.ACTUAL),
                optional == null || optional.getValueType() == JsonValue.ValueType.NULL ? null
                        : optional == JsonValue.TRUE,
                metadata == null ? null : string(metadata, Twin.TYPE),
                version(msg, Twin.EXPECTED_VERSION), version(msg, Twin.ACTUAL_VERSION));
    }

    /** A value object's string; one without a value is refused (KubeEdge dereferences it and crashes). */
    private static String value(String name, JsonObject msg, String side) {
        JsonObject o = optionalObject(msg, side);
        if (o == null) {
            return null;
        }
        JsonObject metadata = optionalObject(o, TwinValue.METADATA);
        if (metadata != null) {
            integer(metadata, TwinValue.TIMESTAMP);
        }
        String value = string(o, TwinValue.VALUE);
        if (value == null) {
            throw new Mismatch("twin " + name + ": " + side + " has no value");
        }
        return value;
    }

    private static TwinVersion version(JsonObject msg, String key) {
        JsonObject o = optionalObject(msg, key);
        if (o == null) {
            return null;
        }
        Long cloud = integer(o, TwinVersion.CLOUD);
        Long edge = integer(o, TwinVersion.EDGE);
        return new TwinVersion(cloud == null ? 0 : cloud, edge == null ? 0 : edge);
    }

    /**
     * @param text a twin/get or membership/get payload ({@code BaseMessage})
     * @param what for the reason, e.g. "twin info"
     * @return its event_id ("" when absent)
     * @throws TwinRejection 400 when it is not such a message
     */
    static String baseMessage(String text, String what) throws TwinRejection {
        try {
            JsonValue body = read(text);
            if (body.getValueType() == JsonValue.ValueType.NULL) {
                return "";
            }
            JsonObject o = object(body, "request");
            checkBase(o);
            return o.get(TwinPayloads.EVENT_ID) instanceof JsonString s ? s.getString() : "";
        } catch (JsonException | Mismatch e) {
            String echo = text.length() > ECHO ? text.substring(0, ECHO) + "…" : text;
            throw new TwinRejection(TwinRejection.BAD_REQUEST, "Unmarshal " + what + " " + echo + " failed, err: "
                    + e.getMessage());
        }
    }

    /**
     * @param text a state/update payload ({@code DeviceUpdate})
     * @return its state ("" when absent), or empty when KubeEdge could not read it (and drops it unanswered)
     */
    static Optional<String> state(String text) {
        try {
            JsonValue body = read(text);
            if (body.getValueType() == JsonValue.ValueType.NULL) {
                return Optional.of("");
            }
            JsonObject o = object(body, "request");
            checkBase(o);
            optionalObject(o, "attributes");
            String state = string(o, "state");
            return Optional.of(state == null ? "" : state);
        } catch (JsonException | Mismatch e) {
            return Optional.empty();
        }
    }

    private static void checkBase(JsonObject o) {
        string(o, TwinPayloads.EVENT_ID);
        integer(o, TwinPayloads.TIMESTAMP);
    }

    private static JsonValue read(String text) {
        return BoundedJson.read(text);
    }

    private static JsonObject object(JsonValue v, String what) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Mismatch(what + " is not an object");
        }
        return v.asJsonObject();
    }

    private static JsonObject optionalObject(JsonObject parent, String key) {
        JsonValue v = parent.get(key);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : object(v, key);
    }

    private static String string(JsonObject parent, String key) {
        JsonValue v = parent.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new Mismatch(key + " is not a string");
    }

    private static Long integer(JsonObject parent, String key) {
        JsonValue v = parent.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && INTEGER.matcher(n.toString()).matches()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                throw new Mismatch(key + " is out of range");
            }
        }
        throw new Mismatch(key + " is not an integer");
    }
}

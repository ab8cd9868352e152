package org.kubeedgej.cloud.devicecontroller;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What DeviceController needs from a Device, read from either API version: the node it is bound to, its model and
 * its desired twin values. v1beta1 names the node in {@code spec.nodeName} and keeps desired values in
 * {@code spec.properties[].desired}; v1alpha1 (KubeEdge v1.1, the seed's manifests) selects the node with
 * {@code spec.nodeSelector} and keeps desired values in {@code status.twins[].desired}.
 *
 * @param namespace the Device's namespace
 * @param name the Device's name
 * @param uid its UID
 * @param nodeName the node it belongs to, empty when none
 * @param model the DeviceModel's name, empty when none
 * @param desired desired value by property name
 */
public record DeviceSpec(String namespace, String name, String uid, String nodeName, String model,
        Map<String, String> desired) {

    /** Copies the map. */
    public DeviceSpec {
        desired = Map.copyOf(desired);
    }

    /** @return the device id used on the edge and in MQTT topics: {@code <namespace>/<name>} */
    public String deviceId() {
        return namespace + "/" + name;
    }

    /**
     * @param device a Device object (either version) as JSON
     * @return what it says
     */
    public static DeviceSpec of(JsonObject device) {
        JsonObject metadata = object(device, "metadata");
        JsonObject spec = object(device, "spec");
        JsonObject status = object(device, "status");
        Map<String, String> desired = new LinkedHashMap<>();
        for (JsonValue twin : array(status, "twins")) {
            putDesired(desired, twin, "propertyName");
        }
        for (JsonValue property : array(spec, "properties")) {
            putDesired(desired, property, "name");
        }
        return new DeviceSpec(metadata.getString("namespace", "default"), metadata.getString("name", ""),
                metadata.getString("uid", ""), nodeName(spec).orElse(""),
                object(spec, "deviceModelRef").getString("name", ""), desired);
    }

    private static void putDesired(Map<String, String> desired, JsonValue entry, String nameKey) {
        if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
            return;
        }
        JsonObject o = entry.asJsonObject();
        String property = o.getString(nameKey, "");
        JsonValue value = object(o, "desired").get("value");
        if (!property.isEmpty() && value instanceof JsonString s) {
            desired.put(property, s.getString());
        }
    }

    private static Optional<String> nodeName(JsonObject spec) {
        String direct = spec.getString("nodeName", "");
        if (!direct.isEmpty()) {
            return Optional.of(direct);
        }
        // v1alpha1: KubeEdge v1.1 took the first value of the first match expression as the node.
        for (JsonValue term : array(object(spec, "nodeSelector"), "nodeSelectorTerms")) {
            if (term.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            for (JsonValue expression : array(term.asJsonObject(), "matchExpressions")) {
                if (expression.getValueType() != JsonValue.ValueType.OBJECT) {
                    continue;
                }
                JsonArray values = array(expression.asJsonObject(), "values");
                if (!values.isEmpty() && values.get(0) instanceof JsonString s && !s.getString().isEmpty()) {
                    return Optional.of(s.getString());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param model a DeviceModel object (either version) as JSON
     * @return the type of each property, lowercase as KubeEdge's twin metadata has it ("int", "string", ...)
     */
    public static Map<String, String> propertyTypes(JsonObject model) {
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonValue p : array(object(model, "spec"), "properties")) {
            if (p.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject property = p.asJsonObject();
            String name = property.getString("name", "");
            JsonValue type = property.get("type");
            String typeName = "string";
            if (type instanceof JsonString s) {
                typeName = s.getString();
            } else if (type != null && type.getValueType() == JsonValue.ValueType.OBJECT
                    && !type.asJsonObject().isEmpty()) {
                typeName = type.asJsonObject().keySet().iterator().next();
            }
            if (!name.isEmpty()) {
                types.put(name, typeName.toLowerCase(Locale.ROOT));
            }
        }
        return types;
    }

    static JsonObject object(JsonObject parent, String key) {
        JsonValue v = parent == null ? null : parent.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject()
                : JsonValue.EMPTY_JSON_OBJECT;
    }

    static JsonArray array(JsonObject parent, String key) {
        JsonValue v = parent == null ? null : parent.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : JsonValue.EMPTY_JSON_ARRAY;
    }
}

package org.kubeedgej.edge.edged;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * The data of a ConfigMap or Secret as bytes per key, as the kubelet uses it for env and files: ConfigMap
 * {@code data} (UTF-8) and {@code binaryData} (base64), Secret {@code data} (base64) and {@code stringData}.
 * Objects over Kubernetes' 1 MiB limit are refused here, so one oversized object fails only the pods using it.
 *
 * @param type {@code configmap} or {@code secret}
 * @param namespace its namespace
 * @param name its name
 * @param data the values by key, unmodifiable
 */
record ConfigData(String type, String namespace, String name, Map<String, byte[]> data) {

    /** Kubernetes' limit for a ConfigMap's or Secret's data: 1 MiB. */
    static final long MAX_DATA_BYTES = 1024 * 1024;

    ConfigData {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * @param type {@code configmap} or {@code secret}
     * @param namespace the namespace it was asked for in
     * @param name its name
     * @param object the object's JSON, as MetaManager stored it
     * @return its data
     * @throws ContainerConfigException when a value is not valid base64 or the data exceeds 1 MiB
     */
    static ConfigData fromJson(String type, String namespace, String name, JsonObject object)
            throws ContainerConfigException {
        Map<String, byte[]> data = new LinkedHashMap<>();
        boolean secret = ResourceTypes.SECRET.equals(type);
        String label = describe(type, name);
        if (secret) {
            putAll(data, object, "stringData", false, label);
            putAll(data, object, "data", true, label);
        } else {
            putAll(data, object, "data", false, label);
            putAll(data, object, "binaryData", true, label);
        }
        long size = data.values().stream().mapToLong(v -> v.length).sum();
        if (size > MAX_DATA_BYTES) {
            throw new ContainerConfigException(label + " is too large: " + size + " bytes of data, over Kubernetes'"
                    + " limit of " + MAX_DATA_BYTES + " bytes (1 MiB)");
        }
        return new ConfigData(type, namespace, name, data);
    }

    /** @return e.g. {@code configmap "app"}, as kubelet messages name it */
    String describe() {
        return describe(type, name);
    }

    /** @return {@code ConfigMap} or {@code Secret}, as kubelet messages spell the kind */
    String kind() {
        return ResourceTypes.SECRET.equals(type) ? "Secret" : "ConfigMap";
    }

    static String describe(String type, String name) {
        return type + " \"" + name + "\"";
    }

    private static void putAll(Map<String, byte[]> data, JsonObject object, String field, boolean base64,
            String label) throws ContainerConfigException {
        if (!object.containsKey(field) || object.get(field).getValueType() != JsonValue.ValueType.OBJECT) {
            return;
        }
        for (Map.Entry<String, JsonValue> e : object.getJsonObject(field).entrySet()) {
            String text = e.getValue() instanceof JsonString s ? s.getString() : "";
            try {
                data.put(e.getKey(), base64 ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                throw new ContainerConfigException(label + ": the value of key \"" + e.getKey() + "\" in " + field
                        + " is not valid base64");
            }
        }
    }
}

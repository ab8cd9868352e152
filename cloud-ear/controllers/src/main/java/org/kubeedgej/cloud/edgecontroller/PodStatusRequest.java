package org.kubeedgej.cloud.edgecontroller;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * One pod's status as an edge reports it: KubeEdge's PodStatusRequest ({@code {"UID", "Name", "Status"}}, no JSON tags
 * in its Go struct) or the older KubeEdge-J form {@code {metadata: {uid, name}, status}}.
 *
 * @param uid the pod's UID as the edge knows it (empty when the edge did not say)
 * @param name the pod's name
 * @param status the PodStatus
 */
record PodStatusRequest(String uid, String name, JsonObject status) {

    /**
     * @param content KubeEdge's PodStatusRequest, a list of them, or {@code {metadata, status}}
     * @param resourceName the pod named by the resource, empty for a list
     */
    static List<PodStatusRequest> read(JsonValue content, String resourceName) {
        if (content.getValueType() == JsonValue.ValueType.ARRAY) {
            return content.asJsonArray().stream().map(v -> one(v, "")).toList();
        }
        return List.of(one(content, resourceName));
    }

    private static PodStatusRequest one(JsonValue value, String resourceName) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("a pod status is not a JSON object");
        }
        JsonObject o = value.asJsonObject();
        if (o.containsKey("Status")) {
            return of(text(o, "UID"), o.containsKey("Name") ? text(o, "Name") : resourceName, o.get("Status"));
        }
        JsonObject metadata = o.get("metadata") instanceof JsonObject m ? m : JsonValue.EMPTY_JSON_OBJECT;
        return of(text(metadata, "uid"), metadata.containsKey("name") ? text(metadata, "name") : resourceName,
                o.get("status"));
    }

    private static PodStatusRequest of(String uid, String name, JsonValue status) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a pod status names no pod");
        }
        if (status == null || status.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("the status of pod " + name + " is not an object");
        }
        return new PodStatusRequest(uid, name, status.asJsonObject());
    }

    private static String text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return "";
        }
        if (!(v instanceof JsonString s)) {
            throw new IllegalArgumentException(key + " is not a string");
        }
        return s.getString();
    }
}

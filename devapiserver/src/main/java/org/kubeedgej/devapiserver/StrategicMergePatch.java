package org.kubeedgej.devapiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simplified strategic merge patch, enough for {@code kubectl apply} and for clients that patch status: maps merge
 * recursively, null deletes, lists of objects merge by the first known merge key present in every element
 * (containerPort, port, mountPath, devicePath, name, type, ip), other lists are replaced, and the directives
 * {@code $patch} (delete/replace/merge), {@code $retainKeys}, {@code $deleteFromPrimitiveList/} and
 * {@code $setElementOrder/} are honoured (the last by ignoring it). Real Kubernetes takes merge keys from the Go
 * types; this server has none, so it guesses them from the data.
 */
final class StrategicMergePatch {
    private static final List<String> MERGE_KEYS =
            List.of("containerPort", "port", "mountPath", "devicePath", "name", "type", "ip");
    private static final String PATCH = "$patch";

    private StrategicMergePatch() {
    }

    /** Returns a new document: {@code original} with {@code patch} applied. */
    static JsonNode apply(JsonNode original, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        if ("replace".equals(patch.path(PATCH).asString(""))) {
            return ((ObjectNode) patch.deepCopy()).without(PATCH);
        }
        ObjectNode result = original != null && original.isObject() ? (ObjectNode) original.deepCopy() : Json.object();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals(PATCH) || key.equals("$retainKeys") || key.startsWith("$setElementOrder/")) {
                continue;
            }
            if (key.startsWith("$deleteFromPrimitiveList/")) {
                removeValues(result, key.substring("$deleteFromPrimitiveList/".length()), value);
            } else if (value.isNull() || (value.isObject() && "delete".equals(value.path(PATCH).asString("")))) {
                result.remove(key);
            } else if (value.isObject()) {
                result.set(key, apply(result.get(key), value));
            } else if (value.isArray()) {
                result.set(key, mergeList(result.get(key), (ArrayNode) value));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        if (patch.get("$retainKeys") instanceof ArrayNode retained) {
            List<String> keep = new ArrayList<>();
            retained.forEach(name -> keep.add(name.asString()));
            new ArrayList<>(result.propertyNames()).stream().filter(name -> !keep.contains(name))
                    .forEach(result::remove);
        }
        return result;
    }

    private static JsonNode mergeList(JsonNode original, ArrayNode patch) {
        String mergeKey = mergeKey(patch);
        if (mergeKey == null || original == null || !original.isArray()) {
            return stripDirectives(patch, mergeKey);
        }
        for (JsonNode element : patch) {
            if ("replace".equals(element.path(PATCH).asString(""))) {
                return stripDirectives(patch, mergeKey);
            }
        }
        ArrayNode result = (ArrayNode) original.deepCopy();
        for (JsonNode element : patch) {
            int index = indexOf(result, mergeKey, element.path(mergeKey));
            if ("delete".equals(element.path(PATCH).asString(""))) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index >= 0) {
                result.set(index, apply(result.get(index), element));
            } else {
                result.add(apply(null, element));
            }
        }
        return result;
    }

    /** The merge key shared by every element that is not a pure directive, or null (then the list is replaced). */
    private static String mergeKey(ArrayNode patch) {
        if (patch.isEmpty()) {
            return null;
        }
        for (String key : MERGE_KEYS) {
            boolean everyElement = true;
            for (JsonNode element : patch) {
                boolean directiveOnly = element.isObject() && element.has(PATCH) && element.size() == 1;
                everyElement &= element.isObject() && (element.has(key) || directiveOnly);
            }
            if (everyElement) {
                return key;
            }
        }
        return null;
    }

    private static ArrayNode stripDirectives(ArrayNode patch, String mergeKey) {
        ArrayNode result = Json.array();
        for (JsonNode element : patch) {
            if (element.isObject() && element.has(PATCH)) {
                if (!"delete".equals(element.path(PATCH).asString("")) && element.size() > 1) {
                    result.add(((ObjectNode) element.deepCopy()).without(PATCH));
                }
            } else {
                result.add(element.isObject() && mergeKey != null ? apply(null, element) : element.deepCopy());
            }
        }
        return result;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path(key).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static void removeValues(ObjectNode target, String field, JsonNode values) {
        if (target.get(field) instanceof ArrayNode list) {
            ArrayNode kept = Json.array();
            list.forEach(item -> {
                boolean removed = false;
                for (JsonNode value : values) {
                    removed |= value.equals(item);
                }
                if (!removed) {
                    kept.add(item);
                }
            });
            target.set(field, kept);
        }
    }
}

package org.kubeedgej.edge.metaserver;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading and completing Kubernetes objects as JSON. The cloud stores objects as its Kubernetes client serialised
 * them, usually without {@code apiVersion} and {@code kind} (list items from an informer lack them); clients decode
 * by them, so MetaServer fills them in.
 */
final class KubeObjects {

    static final String METADATA = "metadata";
    static final String NAME = "name";
    static final String NAMESPACE = "namespace";
    static final String LABELS = "labels";
    static final String RESOURCE_VERSION = "resourceVersion";
    static final String KIND = "kind";
    static final String API_VERSION = "apiVersion";

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private KubeObjects() {
        throw new AssertionError("no instances");
    }

    /**
     * @param json a stored object
     * @return it parsed
     * @throws jakarta.json.JsonException if it is not a JSON object
     */
    static JsonObject parse(String json) {
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** @return the object with apiVersion and kind first, filled in from the resource where missing */
    static JsonObject withTypeMeta(JsonObject object, KubeResource resource) {
        if (object.get(API_VERSION) instanceof JsonString && object.get(KIND) instanceof JsonString) {
            return object;
        }
        JsonObjectBuilder builder = Json.createObjectBuilder()
                .add(API_VERSION, object.get(API_VERSION) instanceof JsonString v ? v : Json.createValue(
                        KubeResource.API_VERSION))
                .add(KIND, object.get(KIND) instanceof JsonString k ? k : Json.createValue(resource.kind()));
        object.forEach((key, value) -> {
            if (!API_VERSION.equals(key) && !KIND.equals(key)) {
                builder.add(key, value);
            }
        });
        return builder.build();
    }

    /** @return the object with {@code metadata.resourceVersion} set */
    static JsonObject withResourceVersion(JsonObject object, long revision) {
        JsonObjectBuilder metadata = Json.createObjectBuilder(metadata(object))
                .add(RESOURCE_VERSION, Long.toString(revision));
        return Json.createObjectBuilder(object).add(METADATA, metadata).build();
    }

    /** @return {@code metadata}, empty when missing */
    static JsonObject metadata(JsonObject object) {
        return object.get(METADATA) instanceof JsonObject metadata ? metadata : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** @return the labels (string values only) */
    static Map<String, String> labels(JsonObject object) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (metadata(object).get(LABELS) instanceof JsonObject stored) {
            stored.forEach((key, value) -> {
                if (value instanceof JsonString text) {
                    labels.put(key, text.getString());
                }
            });
        }
        return labels;
    }

    /**
     * @param object an object
     * @return its numeric resourceVersion, 0 when missing or not a number (a revision MetaServer cannot order)
     */
    static long resourceVersion(JsonObject object) {
        if (metadata(object).get(RESOURCE_VERSION) instanceof JsonString text) {
            try {
                return Math.max(0, Long.parseLong(text.getString()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * The value of a dotted field path, as field selectors compare it.
     *
     * @param object an object
     * @param path e.g. {@code spec.nodeName}
     * @return the value as text ({@code true}, numbers as written), "" when missing
     */
    static String field(JsonObject object, String path) {
        JsonValue current = object;
        for (String step : path.split("\\.")) {
            if (!(current instanceof JsonObject node) || !node.containsKey(step)) {
                return "";
            }
            current = node.get(step);
        }
        if (current instanceof JsonString text) {
            return text.getString();
        }
        return current.getValueType() == JsonValue.ValueType.NULL ? "" : current.toString();
    }

    /** @return a minimal object naming what was deleted, when the delete message carried no object */
    static JsonObject placeholder(KubeResource resource, String namespace, String name) {
        JsonObjectBuilder metadata = Json.createObjectBuilder().add(NAME, name);
        if (resource.namespaced()) {
            metadata.add(NAMESPACE, namespace);
        }
        return Json.createObjectBuilder().add(API_VERSION, KubeResource.API_VERSION).add(KIND, resource.kind())
                .add(METADATA, metadata).build();
    }
}

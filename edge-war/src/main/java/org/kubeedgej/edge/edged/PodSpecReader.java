package org.kubeedgej.edge.edged;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads the parts of a Kubernetes Pod JSON that edged acts on. Environment and volumes are read from the JSON at
 * container start ({@link ContainerConfigResolver}), since they depend on what is on the node then.
 */
final class PodSpecReader {

    private static final Logger LOG = Logger.getLogger(PodSpecReader.class.getName());
    static final int DEFAULT_GRACE_SECONDS = 30;

    private PodSpecReader() {
        throw new AssertionError();
    }

    /**
     * @param pod the Pod JSON
     * @param fallbackNamespace the namespace from the resource string, used when metadata has none
     * @return the pod definition
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    static PodDefinition read(JsonObject pod, String fallbackNamespace) {
        JsonObject meta = object(pod, "metadata");
        JsonObject spec = object(pod, "spec");
        String name = meta.getString("name", "");
        String uid = meta.getString("uid", "");
        if (name.isEmpty() || uid.isEmpty()) {
            throw new IllegalArgumentException("pod without metadata.name or metadata.uid (fix: send the Pod as the"
                    + " API server stores it)");
        }
        PodRef ref = new PodRef(meta.getString("namespace", fallbackNamespace), name, uid,
                spec.getBoolean("hostNetwork", false));
        List<ContainerSpec> containers = new ArrayList<>();
        JsonArray list = spec.containsKey("containers") ? spec.getJsonArray("containers") : JsonValue.EMPTY_JSON_ARRAY;
        for (JsonObject c : list.getValuesAs(JsonObject.class)) {
            containers.add(container(ref, c));
        }
        if (spec.containsKey("initContainers") && !spec.getJsonArray("initContainers").isEmpty()) {
            LOG.warning(() -> "pod " + ref.describe() + ": initContainers are not supported by edged yet; ignored");
        }
        int grace = spec.containsKey("terminationGracePeriodSeconds") && !spec.isNull("terminationGracePeriodSeconds")
                ? spec.getJsonNumber("terminationGracePeriodSeconds").intValue() : DEFAULT_GRACE_SECONDS;
        boolean deleting = meta.containsKey("deletionTimestamp") && !meta.isNull("deletionTimestamp");
        if (deleting && meta.containsKey("deletionGracePeriodSeconds") && !meta.isNull("deletionGracePeriodSeconds")) {
            // The API server puts the grace period of this very delete here; it overrides the spec's.
            grace = meta.getJsonNumber("deletionGracePeriodSeconds").intValue();
        }
        return new PodDefinition(ref, spec.getString("restartPolicy", "Always"), Math.max(0, grace), deleting,
                containers, pod);
    }

    private static ContainerSpec container(PodRef ref, JsonObject c) {
        String name = c.getString("name", "");
        String image = c.getString("image", "");
        if (name.isEmpty() || image.isEmpty()) {
            throw new IllegalArgumentException("pod " + ref.describe() + ": a container without name or image");
        }
        String tag = image.substring(image.lastIndexOf('/') + 1);
        // Kubernetes' default: Always for :latest or no tag, IfNotPresent otherwise.
        String defaultPolicy = !tag.contains(":") || tag.endsWith(":latest") ? "Always" : "IfNotPresent";
        JsonObject limits = c.containsKey("resources") ? object(c.getJsonObject("resources"), "limits")
                : JsonValue.EMPTY_JSON_OBJECT;
        return new ContainerSpec(ref, name, image, c.getString("imagePullPolicy", defaultPolicy),
                strings(c, "command"), strings(c, "args"), Map.of(),
                limits.containsKey("memory") ? QuantityParser.bytes(text(limits.get("memory"))) : 0,
                limits.containsKey("cpu") ? QuantityParser.nanoCpus(text(limits.get("cpu"))) : 0, List.of(),
                ContainerProbes.fromJson(ref.describe() + " container " + name, c));
    }

    private static JsonObject object(JsonObject parent, String key) {
        return parent.containsKey(key) && parent.get(key).getValueType() == JsonValue.ValueType.OBJECT
                ? parent.getJsonObject(key) : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static List<String> strings(JsonObject c, String key) {
        if (!c.containsKey(key) || c.isNull(key)) {
            return List.of();
        }
        return c.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** Quantities arrive as strings, but a hand-written pod may carry a bare number. */
    private static String text(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : v.toString();
    }
}

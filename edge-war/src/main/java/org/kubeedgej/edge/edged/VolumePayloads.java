package org.kubeedgej.edge.edged;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kubeedgej.edge.edged.AtomicVolumeWriter.FileContent;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * The files of a configMap, secret, projected or downwardAPI volume, as the kubelet lays them out: every key as a
 * file, or only the listed items at their paths; modes from the item, else defaultMode, else 0644. Keys and paths
 * are checked before anything is written, so a bad one fails only the pod that uses it.
 */
final class VolumePayloads {

    static final int DEFAULT_MODE = 0644;
    /** Kubernetes' rule for ConfigMap and Secret keys (IsConfigMapKey), which are file names here. */
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

    private final ConfigSourceLookup lookup;

    VolumePayloads(ConfigSourceLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * @param type configmap or secret
     * @param pod the pod (its namespace is the object's)
     * @param volumeName for messages
     * @param source the volume source or projection ({@code name}/{@code secretName}, items, optional)
     * @param defaultMode the mode for files without their own
     * @return the files; empty when an optional object is missing
     * @throws ContainerConfigException when a required object or key is missing, or a key or path is not a valid
     *         file name
     */
    Map<String, FileContent> configSource(String type, PodDefinition pod, String volumeName, JsonObject source,
            int defaultMode) throws ContainerConfigException {
        String name = source.getString(ResourceTypes.SECRET.equals(type) && source.containsKey("secretName")
                ? "secretName" : "name", "");
        boolean optional = source.getBoolean("optional", false);
        Optional<ConfigData> found = lookup.find(type, pod.ref().namespace(), name);
        if (found.isEmpty()) {
            if (optional) {
                return Map.of();
            }
            throw new ContainerConfigException(lookup.missing(type, pod.ref().namespace(), name));
        }
        ConfigData data = found.get();
        Map<String, FileContent> files = new LinkedHashMap<>();
        List<JsonObject> items = items(source);
        if (items.isEmpty()) {
            for (Map.Entry<String, byte[]> e : data.data().entrySet()) {
                if (!validKey(e.getKey())) {
                    throw new ContainerConfigException("volume \"" + volumeName + "\": " + data.describe() + " key \""
                            + e.getKey() + "\" is not a valid file name (letters, digits, '-', '_', '.'; not starting"
                            + " with '..'); use items to give it a path");
                }
                files.put(e.getKey(), new FileContent(e.getValue(), defaultMode));
            }
            return files;
        }
        for (JsonObject item : items) {
            String key = item.getString("key", "");
            byte[] value = data.data().get(key);
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new ContainerConfigException("volume \"" + volumeName + "\": " + data.describe()
                        + " has no key \"" + key + "\"");
            }
            files.put(checkPath(volumeName, item.getString("path", "")), new FileContent(value, mode(item,
                    defaultMode)));
        }
        return files;
    }

    /** The files of a downwardAPI volume or projection: one per item, from a fieldRef. */
    Map<String, FileContent> downwardApi(PodDefinition pod, String volumeName, JsonObject source, int defaultMode)
            throws ContainerConfigException {
        Map<String, FileContent> files = new LinkedHashMap<>();
        for (JsonObject item : items(source)) {
            String path = checkPath(volumeName, item.getString("path", ""));
            if (!item.containsKey("fieldRef")) {
                throw new ContainerConfigException("volume \"" + volumeName + "\": downwardAPI item " + path
                        + " needs a fieldRef (resourceFieldRef is not supported by edged)");
            }
            String value = FieldPaths.value(pod, FieldPaths.object(item, "fieldRef").getString("fieldPath", ""));
            files.put(path, new FileContent(value.getBytes(StandardCharsets.UTF_8), mode(item, defaultMode)));
        }
        return files;
    }

    /** @return the defaultMode of a volume source, or 0644 */
    static int defaultMode(JsonObject source) {
        return source.containsKey("defaultMode") && source.get("defaultMode").getValueType()
                == JsonValue.ValueType.NUMBER ? source.getInt("defaultMode") & 0777 : DEFAULT_MODE;
    }

    static boolean validKey(String key) {
        return KEY.matcher(key).matches() && !key.equals(".") && !key.startsWith("..");
    }

    /**
     * @return the path, if it is relative, without {@code ..} elements and not starting with {@code ..}
     * @throws ContainerConfigException otherwise
     */
    static String checkPath(String volumeName, String path) throws ContainerConfigException {
        boolean ok = !path.isEmpty() && !path.startsWith("/") && !path.startsWith("..") && path.length() <= 4096;
        for (String element : path.split("/", -1)) {
            ok &= !element.isEmpty() && !element.equals("..") && !element.equals(".");
        }
        if (!ok) {
            throw new ContainerConfigException("volume \"" + volumeName + "\": path \"" + path + "\" is not a valid"
                    + " relative file path (no '..', not absolute, not empty)");
        }
        return path;
    }

    private static int mode(JsonObject item, int defaultMode) {
        return item.containsKey("mode") && item.get("mode").getValueType() == JsonValue.ValueType.NUMBER
                ? item.getInt("mode") & 0777 : defaultMode;
    }

    private static List<JsonObject> items(JsonObject source) {
        return source.containsKey("items") && source.get("items").getValueType() == JsonValue.ValueType.ARRAY
                ? source.getJsonArray("items").getValuesAs(JsonObject.class) : List.of();
    }
}

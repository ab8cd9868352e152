package org.kubeedgej.edge.edged;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * A container's environment as the kubelet builds it at container start: envFrom sources first (ConfigMap or
 * Secret, each key with the prefix), then env in order (plain values with {@code $(VAR)} expanded from earlier
 * variables, or valueFrom configMapKeyRef/secretKeyRef/fieldRef). A missing object or key fails the container with
 * the kubelet's messages unless the reference is optional. The environment is fixed once the container runs.
 */
final class EnvResolver {

    private static final Logger LOG = Logger.getLogger(EnvResolver.class.getName());
    /** Kubernetes' rule for environment variable names (IsEnvVarName). */
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private final ConfigSourceLookup lookup;

    EnvResolver(ConfigSourceLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * @param pod the pod
     * @param container the container's JSON from the pod spec
     * @return the environment, in definition order
     * @throws ContainerConfigException when a required ConfigMap, Secret or key is missing or unusable
     */
    Map<String, String> resolve(PodDefinition pod, JsonObject container) throws ContainerConfigException {
        Map<String, String> env = new LinkedHashMap<>();
        String ns = pod.ref().namespace();
        for (JsonObject from : array(container, "envFrom")) {
            String prefix = from.getString("prefix", "");
            boolean secret = from.containsKey("secretRef");
            JsonObject ref = FieldPaths.object(from, secret ? "secretRef" : "configMapRef");
            String type = secret ? ResourceTypes.SECRET : ResourceTypes.CONFIGMAP;
            Optional<ConfigData> data = find(type, ns, ref.getString("name", ""), ref.getBoolean("optional", false));
            if (data.isEmpty()) {
                continue;
            }
            data.get().data().forEach((key, value) -> {
                String name = prefix + key;
                if (ENV_NAME.matcher(name).matches()) {
                    env.put(name, new String(value, StandardCharsets.UTF_8));
                } else {
                    LOG.warning(() -> "pod " + pod.key() + ": " + data.get().describe() + " key \"" + key + "\" is"
                            + " not a valid environment variable name" + (prefix.isEmpty() ? "" : " with prefix \""
                            + prefix + "\"") + "; skipped");
                }
            });
        }
        for (JsonObject var : array(container, "env")) {
            String name = var.getString("name", "");
            if (!var.containsKey("valueFrom")) {
                env.put(name, expand(var.getString("value", ""), env));
                continue;
            }
            String value = valueFrom(pod, FieldPaths.object(var, "valueFrom"), name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }

    /** @return the value, or null when an optional source or key is missing */
    private String valueFrom(PodDefinition pod, JsonObject from, String name) throws ContainerConfigException {
        if (from.containsKey("fieldRef")) {
            return FieldPaths.value(pod, FieldPaths.object(from, "fieldRef").getString("fieldPath", ""));
        }
        boolean secret = from.containsKey("secretKeyRef");
        if (!secret && !from.containsKey("configMapKeyRef")) {
            LOG.warning(() -> "pod " + pod.key() + ": env " + name + " uses a valueFrom edged does not support ("
                    + from.keySet() + "); left unset");
            return null;
        }
        JsonObject ref = FieldPaths.object(from, secret ? "secretKeyRef" : "configMapKeyRef");
        boolean optional = ref.getBoolean("optional", false);
        Optional<ConfigData> data = find(secret ? ResourceTypes.SECRET : ResourceTypes.CONFIGMAP,
                pod.ref().namespace(), ref.getString("name", ""), optional);
        if (data.isEmpty()) {
            return null;
        }
        String key = ref.getString("key", "");
        byte[] value = data.get().data().get(key);
        if (value == null) {
            if (optional) {
                return null;
            }
            throw new ContainerConfigException("couldn't find key " + key + " in " + data.get().kind() + " "
                    + pod.ref().namespace() + "/" + data.get().name());
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private Optional<ConfigData> find(String type, String ns, String name, boolean optional)
            throws ContainerConfigException {
        Optional<ConfigData> data = lookup.find(type, ns, name);
        if (data.isEmpty() && !optional) {
            throw new ContainerConfigException(lookup.missing(type, ns, name));
        }
        return data;
    }

    /** The kubelet's $(VAR) expansion: earlier variables only, {@code $$} is a literal $, unknown stays as is. */
    static String expand(String value, Map<String, String> defined) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '(' && value.indexOf(')', i) > 0) {
                int end = value.indexOf(')', i);
                String ref = value.substring(i + 2, end);
                out.append(defined.containsKey(ref) ? defined.get(ref) : value.substring(i, end + 1));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static Iterable<JsonObject> array(JsonObject parent, String key) {
        if (!parent.containsKey(key) || parent.get(key).getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        JsonArray list = parent.getJsonArray(key);
        return list.getValuesAs(JsonObject.class);
    }
}

package org.kubeedgej.edge.edged;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Downward API's fieldRef paths edged can answer for a pod (env valueFrom.fieldRef, downwardAPI volume items):
 * metadata name/namespace/uid, one label or annotation, spec.nodeName/serviceAccountName, status.hostIP and
 * status.podIP (loopback with hostNetwork, empty otherwise: edged runs pods without a network of their own).
 */
final class FieldPaths {

    private static final Pattern MAP_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private FieldPaths() {
        throw new AssertionError();
    }

    /**
     * @param pod the pod
     * @param fieldPath e.g. {@code metadata.name}
     * @return the value
     * @throws ContainerConfigException for a path edged does not support
     */
    static String value(PodDefinition pod, String fieldPath) throws ContainerConfigException {
        JsonObject meta = object(pod.json(), "metadata");
        JsonObject spec = object(pod.json(), "spec");
        switch (fieldPath) {
            case "metadata.name":
                return pod.ref().name();
            case "metadata.namespace":
                return pod.ref().namespace();
            case "metadata.uid":
                return pod.ref().uid();
            case "spec.nodeName":
                return spec.getString("nodeName", "");
            case "spec.serviceAccountName":
                return spec.getString("serviceAccountName", "");
            case "status.hostIP":
                return PodStatusBuilder.LOOPBACK;
            case "status.podIP":
                return pod.ref().hostNetwork() ? PodStatusBuilder.LOOPBACK : "";
            default:
                Matcher m = MAP_KEY.matcher(fieldPath);
                if (m.matches()) {
                    return object(meta, m.group(1)).getString(m.group(2), "");
                }
                throw new ContainerConfigException("fieldRef \"" + fieldPath + "\" is not supported by edged"
                        + " (supported: metadata.name, metadata.namespace, metadata.uid, metadata.labels['k'],"
                        + " metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP,"
                        + " status.podIP)");
        }
    }

    static JsonObject object(JsonObject parent, String key) {
        return parent != null && parent.containsKey(key) && parent.get(key).getValueType() == JsonValue.ValueType.OBJECT
                ? parent.getJsonObject(key) : JsonValue.EMPTY_JSON_OBJECT;
    }
}

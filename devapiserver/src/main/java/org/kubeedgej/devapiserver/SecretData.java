package org.kubeedgej.devapiserver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A Secret's {@code stringData} as kube-apiserver treats it on every write: merged into {@code data} (base64, its keys
 * winning over data's) and dropped, so readers of {@code data} (KubeEdge's edge among them) see every key.
 */
final class SecretData {

    private SecretData() {
        throw new AssertionError();
    }

    static void normalize(ResourcePath path, ObjectNode object) {
        if (!path.group().isEmpty() || !"secrets".equals(path.resource())
                || !(object.get("stringData") instanceof ObjectNode strings)) {
            return;
        }
        ObjectNode data = object.get("data") instanceof ObjectNode existing ? existing : object.putObject("data");
        for (Map.Entry<String, JsonNode> entry : strings.properties()) {
            data.put(entry.getKey(), Base64.getEncoder().encodeToString(
                    entry.getValue().asString().getBytes(StandardCharsets.UTF_8)));
        }
        object.remove("stringData");
    }
}

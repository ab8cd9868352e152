package org.kubeedgej.devapiserver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * RFC 7386 JSON merge patch, as kube-apiserver applies {@code application/merge-patch+json}: objects merge, null
 * removes a field, and anything else (arrays included) replaces. Done here because the mock behind the front
 * appended to lists instead of replacing them (a re-applied CRD grew a second copy of its versions).
 */
final class JsonMergePatch {

    private JsonMergePatch() {
        throw new AssertionError();
    }

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}

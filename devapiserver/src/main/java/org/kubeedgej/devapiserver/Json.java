package org.kubeedgej.devapiserver;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/** Jackson 3 (already brought by fabric8's mock) behind a few helpers, so the other classes stay short. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        return MAPPER.readTree(body);
    }

    static JsonNode parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String string(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The text at a dotted path ("metadata.name"), or "" when absent: what field selectors compare against. */
    static String text(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            current = current.path(part);
        }
        if (current.isMissingNode() || current.isNull()) {
            return "";
        }
        return current.isValueNode() ? current.asString() : current.toString();
    }

    /** The object's metadata, created when missing so callers can write into it. */
    static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        return metadata instanceof ObjectNode existing ? existing : object.putObject("metadata");
    }
}

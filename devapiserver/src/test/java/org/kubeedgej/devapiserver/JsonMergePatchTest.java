package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonMergePatchTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void listsAreReplacedNotAppended() throws Exception {
        JsonNode merged = JsonMergePatch.apply(json("{\"spec\":{\"versions\":[{\"name\":\"v1\"}],\"a\":1}}"),
                json("{\"spec\":{\"versions\":[{\"name\":\"v1\"},{\"name\":\"v2\"}]}}"));
        assertEquals(json("{\"spec\":{\"versions\":[{\"name\":\"v1\"},{\"name\":\"v2\"}],\"a\":1}}"), merged);
    }

    @Test
    void nullRemovesAndObjectsMerge() throws Exception {
        JsonNode merged = JsonMergePatch.apply(json("{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}},\"x\":3}"),
                json("{\"metadata\":{\"labels\":{\"a\":null,\"c\":\"3\"}},\"x\":null}"));
        assertEquals(json("{\"metadata\":{\"labels\":{\"b\":\"2\",\"c\":\"3\"}}}"), merged);
    }

    @Test
    void rfc7386Examples() throws Exception {
        assertEquals(json("{\"a\":\"c\"}"), JsonMergePatch.apply(json("{\"a\":\"b\"}"), json("{\"a\":\"c\"}")));
        assertEquals(json("{\"a\":[1]}"), JsonMergePatch.apply(json("{\"a\":[{\"b\":\"c\"}]}"), json("{\"a\":[1]}")));
        assertEquals(json("[\"c\",\"d\"]"), JsonMergePatch.apply(json("{\"a\":\"foo\"}"), json("[\"c\",\"d\"]")));
        assertEquals(json("{\"e\":null}"), JsonMergePatch.apply(json("{\"e\":null}"), json("{\"a\":null}")));
    }
}

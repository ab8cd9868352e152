package org.kubeedgej.cloud.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.openapi.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Message;

class EdgeRepliesTest {

    private final List<String[]> queued = new ArrayList<>();
    private final EdgeReplies underTest = new EdgeReplies();

    {
        underTest.queue = (node, key, isDelete, json) -> queued.add(new String[] {node, key, String.valueOf(isDelete),
                json});
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Message request() {
        return Message.newRequest("edged", "meta", "insert", "node/n1/default/node/n1", null);
    }

    @Test
    void objectAnswerIsKubeEdgesObjectResp() {
        Message request = request();
        underTest.object("n1", request, Json.createObjectBuilder().add("kind", "Node").build(), "42");
        String[] q = queued.get(0);
        assertEquals("n1", q[0]);
        assertEquals("reply:" + request.header().id(), q[1]);
        assertEquals("true", q[2], "an answer never replaces an object's message");
        JsonObject reply = json(q[3]);
        assertEquals(request.header().id(), reply.getJsonObject("header").getString("parent_msg_id"));
        assertEquals("42", reply.getJsonObject("header").getString("resourceversion"));
        assertEquals("response", reply.getJsonObject("route").getString("operation"));
        assertEquals("edgecontroller", reply.getJsonObject("route").getString("source"));
        assertEquals("node/n1/default/node/n1", reply.getJsonObject("route").getString("resource"));
        assertEquals("Node", reply.getJsonObject("content").getJsonObject("Object").getString("kind"));
        assertEquals(jakarta.json.JsonValue.NULL, reply.getJsonObject("content").get("Err"));
    }

    @Test
    void errorsAreGoStatusErrors() {
        underTest.error("n1", request(), EdgeReplies.status(409, "AlreadyExists", "nodes \"n1\" already exists"), true);
        underTest.error("n1", request(), EdgeReplies.status(404, "NotFound", "gone"), false);
        JsonObject wrapped = json(queued.get(0)[3]).getJsonObject("content");
        assertEquals("AlreadyExists", wrapped.getJsonObject("Err").getJsonObject("ErrStatus").getString("reason"));
        assertEquals(409, wrapped.getJsonObject("Err").getJsonObject("ErrStatus").getInt("code"));
        JsonObject bare = json(queued.get(1)[3]).getJsonObject("content");
        assertEquals("NotFound", bare.getJsonObject("ErrStatus").getString("reason"));
    }

    @Test
    void statusOfAnApiExceptionIsTheServersStatus() {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                + "\"code\":403,\"message\":\"no\"}";
        assertEquals("Forbidden", EdgeReplies.status(new ApiException(403, null, body)).getString("reason"));
        assertEquals(502, EdgeReplies.status(new ApiException(502, null, "<html>bad gateway</html>")).getInt("code"));
    }

    @Test
    void okIsThePlainString() {
        underTest.ok("n1", request());
        assertEquals("OK", json(queued.get(0)[3]).getString("content"));
    }
}

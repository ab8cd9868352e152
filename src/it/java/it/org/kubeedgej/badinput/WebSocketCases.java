package it.org.kubeedgej.badinput;

import static it.org.kubeedgej.badinput.BadInputRig.BAD;
import static it.org.kubeedgej.badinput.BadInputRig.CANARY;
import static it.org.kubeedgej.badinput.BadInputRig.FLOOD;
import static it.org.kubeedgej.badinput.BadInputRig.HUB;
import static it.org.kubeedgej.badinput.BadInputRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.org.kubeedgej.support.KubeEdgeFrames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Whole messages over CloudHub's WebSocket from a node with a valid certificate: what cannot be decoded gets an
 * {@code error} reply naming the problem and the session stays; what oversteps the framing closes that one
 * session; what decodes but asks for another node or carries unreadable content is answered 403 or 400.
 */
final class WebSocketCases {

    private static final String KEEPALIVE = KubeEdgeFrames.keepalive().toString();

    private final BadInputRig rig;
    private EdgeSocket bad;

    WebSocketCases(BadInputRig rig) {
        this.rig = rig;
    }

    List<BadCase> all() {
        List<BadCase> cases = new ArrayList<>();
        decodeErrors(cases);
        bounds(cases);
        framing(cases);
        content(cases);
        return cases;
    }

    private void decodeErrors(List<BadCase> cases) {
        String route = "\"route\":{\"source\":\"edged\",\"group\":\"meta\",\"operation\":\"query\","
                + "\"resource\":\"default/node/" + BAD + "\"}";
        String header = "\"header\":{\"msg_id\":\"m-1\",\"timestamp\":1}";
        cases.add(reply("text that is not JSON -> error reply 'malformed message'", "{not json", "malformed message"));
        cases.add(reply("empty text message -> error reply 'Malformed JSON ... EOF'", "",
                "Malformed JSON at line 1, column 0"));
        cases.add(reply("whitespace only -> error reply 'Malformed JSON ... EOF'", " \n\t ", "Invalid token=EOF"));
        cases.add(reply("JSON array, not an object -> error reply", "[1,2,3]", "must be a JSON object but was ARRAY"));
        cases.add(reply("JSON string, not an object -> error reply", "\"hello\"",
                "must be a JSON object but was STRING"));
        cases.add(reply("JSON number, not an object -> error reply", "42", "must be a JSON object but was NUMBER"));
        cases.add(reply("JSON null, not an object -> error reply", "null", "must be a JSON object but was NULL"));
        cases.add(reply("two messages in one text -> error reply 'Expected EOF token'", KEEPALIVE + KEEPALIVE,
                "Expected EOF token, but got CURLYOPEN"));
        cases.add(reply("message without header -> error reply naming 'header'", "{" + route + "}", "'header'"));
        cases.add(reply("message without route -> error reply naming 'route'", "{" + header + "}", "'route'"));
        cases.add(reply("header that is a string -> error reply naming 'header'",
                "{\"header\":\"h\"," + route + "}", "'header'"));
        cases.add(reply("header without msg_id -> error reply naming header.msg_id",
                "{\"header\":{\"timestamp\":1}," + route + "}", "header.msg_id"));
        cases.add(reply("empty msg_id -> error reply naming header.msg_id",
                "{\"header\":{\"msg_id\":\"\"}," + route + "}", "header.msg_id"));
        cases.add(reply("msg_id that is a number -> error reply naming header.msg_id",
                "{\"header\":{\"msg_id\":7}," + route + "}", "header.msg_id"));
        cases.add(reply("timestamp that is a string -> error reply naming header.timestamp",
                "{\"header\":{\"msg_id\":\"m\",\"timestamp\":\"soon\"}," + route + "}", "header.timestamp"));
        cases.add(reply("route without operation -> error reply naming route.operation",
                "{" + header + ",\"route\":{\"source\":\"edged\",\"group\":\"meta\",\"resource\":\"x/y\"}}",
                "route.operation"));
        cases.add(reply("route without resource -> error reply naming route.resource",
                "{" + header + ",\"route\":{\"source\":\"edged\",\"group\":\"meta\",\"operation\":\"query\"}}",
                "route.resource"));
        cases.add(reply("unknown operation -> error reply 'Unknown operation'",
                KEEPALIVE.replace("keepalive", "explode"), "Unknown operation 'explode'"));
    }

    private void bounds(List<BadCase> cases) {
        cases.add(reply("content nested 101 deep -> error reply 'nests deeper than 100'",
                withContent("[".repeat(101) + "]".repeat(101)), "nests deeper than 100"));
        cases.add(BadCase.of("content nested 200,000 deep (no stack overflow) -> error reply 'nests deeper'", () -> {
            String nested = withContent("[".repeat(200_000) + "]".repeat(200_000));
            expectReply(() -> bad().fragmented(nested, 256 * 1024), "nests deeper than 100");
        }));
        cases.add(reply("content of 250,001 values -> error reply 'more than 250000 JSON values'",
                withContent("[" + "0,".repeat(250_000) + "0]"), "more than 250000 JSON values"));
        cases.add(BadCase.of("17 MB of [[1]],[[1]],... (once OutOfMemoryError) -> error reply, heap bounded", () -> {
            StringBuilder huge = new StringBuilder(17 * 1024 * 1024 + 64).append('[');
            while (huge.length() < 17 * 1024 * 1024) {
                huge.append("[[1]],");
            }
            huge.append("[[1]]]");
            String text = withContent(huge.toString());
            expectReply(() -> bad().fragmented(text, 512 * 1024), "more than 250000 JSON values");
        }));
    }

    private void framing(List<BadCase> cases) {
        cases.add(BadCase.of("message over maxMessageSize (21 MB in fragments) -> close 1009, only that session",
                () -> {
                    EdgeSocket socket = bad();
                    socket.fragmented("x".repeat(BadInputRig.MAX_MESSAGE_BYTES + 1024 * 1024), 512 * 1024);
                    String close = socket.awaitClose(WAIT);
                    assertTrue(close != null && close.startsWith("1009 ") && close.contains("message larger than"),
                            "close: " + close);
                }));
        cases.add(BadCase.of("binary frame -> close 1003 (CloudHub speaks text)", () -> {
            EdgeSocket socket = bad();
            socket.binary(KEEPALIVE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String close = socket.awaitClose(WAIT);
            assertTrue(close != null && close.startsWith("1003"), "close: " + close);
        }));
        cases.add(BadCase.of("ack (response) for an unknown message id -> ignored, session answers next request",
                () -> stillAnswering(ack("response"))));
        cases.add(BadCase.of("error ack for an unknown message id -> ignored, session answers next request",
                () -> stillAnswering(ack("error"))));
        cases.add(BadCase.of("flood of 150 messages -> error reply 'rate limit exceeded', session stays", () -> {
            try (EdgeSocket flood = EdgeSocket.open(HUB, EdgeSocket.eventsPath(FLOOD),
                    rig.certs.sslContextFor(FLOOD), EdgeSocket.headersFor(FLOOD))) {
                for (int i = 0; i < 150; i++) {
                    flood.text(KEEPALIVE);
                }
                JsonObject reply = flood.next(WAIT);
                assertEquals("error", reply.getJsonObject("route").getString("operation"), reply.toString());
                assertTrue(reply.getString("content").contains("rate limit exceeded"), reply.toString());
                assertNull(flood.awaitClose(Duration.ofMillis(300)), "a throttled node keeps its session");
            }
        }));
    }

    private void content(List<BadCase> cases) {
        cases.add(answered("query of another node's Node -> 403", kubelet("query", "default/node/" + CANARY,
                JsonValue.NULL), 403));
        cases.add(answered("insert of another node's Node -> 403", kubelet("insert", "default/node/" + CANARY,
                KubeEdgeFrames.node(CANARY)), 403));
        cases.add(answered("nodepatch for another node -> 403", kubelet("patch", "default/nodepatch/" + CANARY,
                Json.createValue("{\"status\":{}}")), 403));
        cases.add(answered("nodestatus for another node -> 403", kubelet("update", "default/nodestatus/" + CANARY,
                Json.createObjectBuilder().add("UID", "").add("Status", JsonValue.EMPTY_JSON_OBJECT).build()), 403));
        cases.add(answered("lease renewal for another node -> 403", kubelet("update",
                "kube-node-lease/lease/" + CANARY, Json.createObjectBuilder().add("metadata",
                        Json.createObjectBuilder().add("name", CANARY).add("namespace", "kube-node-lease")).build()),
                403));
        cases.add(answered("nodepatch that is not JSON -> 400", kubelet("patch", "default/nodepatch/" + BAD,
                Json.createValue("not json")), 400));
        cases.add(answered("podpatch that is not JSON -> 400", kubelet("patch", "default/podpatch/whatever",
                Json.createValue("not json")), 400));
        cases.add(answered("Node that is a number -> 400", kubelet("insert", "default/node/" + BAD,
                Json.createValue(42)), 400));
        cases.add(answered("node status with a field NodeStatus lacks (once a poison message) -> 400, not retried",
                kubelet("update", "default/nodestatus/" + BAD, Json.createObjectBuilder().add("UID", "")
                        .add("Status", Json.createObjectBuilder().add("noSuchField", 1)).build()), 400));
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface Send {
        void send() throws Exception;
    }

    private BadCase reply(String name, String text, String expected) {
        return BadCase.of(name, () -> expectReply(() -> bad().text(text), expected));
    }

    private void expectReply(Send send, String expected) throws Exception {
        EdgeSocket socket = bad();
        socket.clear();
        send.send();
        JsonObject reply = socket.next(WAIT);
        assertEquals("error", reply.getJsonObject("route").getString("operation"), reply.toString());
        assertTrue(reply.getString("content").contains(expected), "expected '" + expected + "' in " + reply);
        assertNull(socket.awaitClose(Duration.ZERO), "a bad message must not end the session");
    }

    private BadCase answered(String name, JsonObject request, int code) {
        return BadCase.of(name, () -> {
            EdgeSocket socket = bad();
            socket.text(request.toString());
            JsonObject content = socket.answerTo(request, WAIT).getJsonObject("content");
            JsonObject status = content.containsKey("Err") && content.get("Err") instanceof JsonObject err
                    ? err.getJsonObject("ErrStatus") : content.getJsonObject("ErrStatus");
            assertEquals(code, status.getInt("code"), content.toString());
            assertTrue(!status.getString("message", "").isBlank(), "the status says why: " + content);
        });
    }

    /** After the input, the session still answers a request. */
    private void stillAnswering(String input) throws Exception {
        EdgeSocket socket = bad();
        socket.clear();
        socket.text(input);
        JsonObject query = kubelet("query", "default/node/" + CANARY, JsonValue.NULL);
        socket.text(query.toString());
        assertEquals(403, socket.answerTo(query, WAIT).getJsonObject("content").getJsonObject("ErrStatus")
                .getInt("code"));
        assertNull(socket.awaitClose(Duration.ZERO));
    }

    private static String ack(String operation) {
        return "{\"header\":{\"msg_id\":\"a-" + System.nanoTime() + "\",\"parent_msg_id\":\"no-such-message\","
                + "\"timestamp\":1},\"route\":{\"source\":\"edgecontroller\",\"group\":\"resource\",\"operation\":\""
                + operation + "\",\"resource\":\"default/pod/x\"},\"content\":\"OK\"}";
    }

    private static JsonObject kubelet(String operation, String resource, JsonValue content) {
        return KubeEdgeFrames.kubelet(operation, resource, content);
    }

    private static String withContent(String json) {
        return "{\"header\":{\"msg_id\":\"big-" + System.nanoTime() + "\",\"timestamp\":1},\"route\":{\"source\":"
                + "\"edged\",\"group\":\"meta\",\"operation\":\"update\",\"resource\":\"default/pod/big\"},"
                + "\"content\":" + json + "}";
    }

    /** The hostile node's session, opened again after a case closed it. */
    EdgeSocket bad() throws ExecutionException {
        if (bad == null || bad.isClosed()) {
            bad = EdgeSocket.open(HUB, EdgeSocket.eventsPath(BAD), rig.certs.sslContextFor(BAD),
                    EdgeSocket.headersFor(BAD));
        }
        return bad;
    }

    void close() {
        if (bad != null) {
            bad.close();
        }
    }
}

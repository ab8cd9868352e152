package org.kubeedgej.cloud.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.events.SynchronousEvent;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;

class UpstreamDispatcherTest {

    private final List<String> queued = new ArrayList<>();
    private final UpstreamDispatcher underTest = new UpstreamDispatcher();
    private final MessageCodec codec = MessageCodec.create();

    private void controllers(Consumer<EdgeMessageEvent> observer) {
        EdgeReplies replies = new EdgeReplies();
        replies.queue = (node, key, isDelete, json) -> queued.add(node + " " + json);
        underTest.replies = replies;
        underTest.edgeMessages = new SynchronousEvent<>(observer);
    }

    @Test
    void aMessageNoControllerTakesIsAnsweredNotFoundNamingTheRoute() {
        controllers(event -> { });
        Message unknown = Message.newRequest("edged", "resource", "insert", "node/n1/default/volumeattachment/va1",
                null);
        underTest.dispatch(new UpstreamMessageReceived("n1", codec.encodeToString(unknown)));

        assertEquals(1, queued.size());
        assertTrue(queued.get(0).startsWith("n1 "), "the answer goes to the node that asked");
        JsonObject reply = json(queued.get(0).substring(3));
        assertEquals(unknown.header().id(), reply.getJsonObject("header").getString("parent_msg_id"));
        JsonObject status = reply.getJsonObject("content").getJsonObject("Err").getJsonObject("ErrStatus");
        assertEquals(404, status.getInt("code"));
        assertTrue(status.getString("message").contains("insert of volumeattachment"), status.getString("message"));
    }

    @Test
    void anUnknownQueryGetsTheBareError() {
        controllers(event -> { });
        Message query = Message.newRequest("edged", "frobnicator", "query", "node/n1/default/widget/w", null);
        underTest.dispatch(new UpstreamMessageReceived("n1", codec.encodeToString(query)));
        JsonObject content = json(queued.get(0).substring(3)).getJsonObject("content");
        assertTrue(content.containsKey("ErrStatus"), content.toString());
        assertTrue(content.getJsonObject("ErrStatus").getString("message").contains("group frobnicator"));
    }

    @Test
    void aMessageAControllerTookGetsNoAnswerFromTheDispatcher() {
        controllers(EdgeMessageEvent::take);
        Message status = Message.newRequest("edged", "meta", "update", "node/n1/default/podstatus/p", null);
        underTest.dispatch(new UpstreamMessageReceived("n1", codec.encodeToString(status)));
        assertEquals(List.of(), queued);
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

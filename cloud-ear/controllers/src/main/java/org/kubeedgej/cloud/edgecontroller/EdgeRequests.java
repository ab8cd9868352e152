package org.kubeedgej.cloud.edgecontroller;

import com.google.gson.JsonParseException;
import io.kubernetes.client.openapi.JSON;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;

/**
 * Reading what an edge's request carries. KubeEdge's edge sends some contents as objects and some as JSON inside a
 * string (status patches, device state); Go reads either, and so does this. Content that does not decode is a
 * permanent error: the edge is answered BadRequest and the message is not retried.
 */
final class EdgeRequests {

    private static final int BAD_REQUEST = 400;

    private EdgeRequests() {
        throw new AssertionError();
    }

    /**
     * @param event the request
     * @return its content as JSON text: a string content is the text, anything else its JSON
     */
    static String text(EdgeMessageEvent event) {
        JsonValue content = event.message().content();
        return content instanceof JsonString s ? s.getString() : content.toString();
    }

    /**
     * @param event the request
     * @param type the Kubernetes model class
     * @return the content decoded as that type
     * @throws IllegalArgumentException naming the node and type when it does not decode
     */
    static <T> T decode(EdgeMessageEvent event, Class<T> type) {
        String text = text(event);
        try {
            T value = JSON.deserialize(text, type);
            if (value == null) {
                throw new IllegalArgumentException("the content is empty; a " + type.getSimpleName() + " was expected");
            }
            return value;
        } catch (JsonParseException | IllegalStateException | ClassCastException e) {
            throw new IllegalArgumentException("the content is not a " + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Answers a request whose content could not be read, and says so in the log. */
    static void refuseMalformed(EdgeMessageEvent event, IllegalArgumentException e, EdgeReplies replies, Logger log) {
        String route = event.message().route().operation() + " of " + event.message().route().resource();
        log.warning(() -> "edge node " + event.nodeId() + " sent a malformed " + route + "; refused: " + e.getMessage());
        replies.error(event.nodeId(), event.message(), EdgeReplies.status(BAD_REQUEST, "BadRequest",
                "malformed " + route + ": " + e.getMessage()), true);
    }
}

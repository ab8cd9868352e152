package org.kubeedgej.cloud.edgecontroller;

import com.google.gson.JsonParseException;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.ResourcePath;

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

    /**
     * Answers a refused API call. A failure of the API server itself (5xx, or no answer at all) is rethrown: the
     * upstream queue redelivers the request once the server is back. Any other refusal is the edge's answer, as the
     * API server's Status.
     *
     * @param what what was refused, e.g. "write the status of edge node n1"
     */
    static void answerApiFailure(EdgeMessageEvent event, ApiException e, boolean wrapped, String what,
            EdgeReplies replies, Logger log) {
        if (e.getCode() >= 500 || e.getCode() == 0) {
            throw new IllegalStateException("cannot " + what + ": HTTP " + e.getCode() + " " + e.getResponseBody(), e);
        }
        log.warning(() -> "the API server refused to " + what + ": HTTP " + e.getCode() + " " + e.getResponseBody());
        replies.error(event.nodeId(), event.message(), EdgeReplies.status(e), wrapped);
    }

    /**
     * A node may only speak for its own Node and Lease: a request naming another node's is answered Forbidden.
     *
     * @param what the kind of object, e.g. "node" or "lease"
     * @return whether the request was refused (the caller stops)
     */
    static boolean refuseOtherNode(EdgeMessageEvent event, ResourcePath path, String what, boolean wrapped,
            EdgeReplies replies, Logger log) {
        if (event.nodeId().equals(path.name())) {
            return false;
        }
        String action = event.message().route().operation() + " " + what + " " + path.name();
        log.warning(() -> "edge node " + event.nodeId() + " tried to " + action
                + "; refused: a node may only speak for itself");
        replies.error(event.nodeId(), event.message(), EdgeReplies.status(403, "Forbidden", "node " + event.nodeId()
                + " may not " + action), wrapped);
        return true;
    }
}

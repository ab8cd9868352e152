package org.kubeedgej.edge.metaserver;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes whole answers on an exchange (the watch stream writes its own). */
final class HttpReplies {

    static final String JSON = "application/json";

    private HttpReplies() {
        throw new AssertionError("no instances");
    }

    /** Sends a JSON body with the status (for a Status object, its {@code code}). */
    static void json(HttpExchange exchange, int status, JsonObject body) throws IOException {
        send(exchange, status, JSON, body.toString());
    }

    /** Sends a Status object with its own code. */
    static void status(HttpExchange exchange, JsonObject status) throws IOException {
        json(exchange, status.getInt("code"), status);
    }

    static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

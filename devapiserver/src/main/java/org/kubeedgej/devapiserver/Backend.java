package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/** The fabric8 CRUD mock as seen from the front: plain HTTP calls and WebSocket watches on 127.0.0.1. */
final class Backend {
    /** One answer of the mock. */
    record Response(int code, byte[] body) {
        boolean ok() {
            return code >= 200 && code < 300;
        }

        JsonNode json() {
            return Json.parse(body);
        }
    }

    /**
     * Longer than the store's worst stall: fabric8's Vert.x mock can block its only event loop for 30 s when a watch
     * WebSocket closes while an event is being sent to it (its close handler waits for the sender, which waits for that
     * event loop; both give up after 30 s). A request waiting it out is slow; one timed out at 30 s was a 500 to the
     * client (KillNineFaultIT, seed 1796705275907).
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(45);

    private final HttpClient client;
    private final String base;

    Backend(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    Response send(String method, String pathAndQuery, byte[] body, String contentType) throws IOException {
        HttpRequest.BodyPublisher publisher = body == null || body.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .method(method, publisher);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the in-memory store", e);
        }
    }

    Response get(String path) throws IOException {
        return send("GET", path, null, null);
    }

    Response put(String path, JsonNode body) throws IOException {
        return send("PUT", path, Json.bytes(body), "application/json");
    }

    Response post(String path, JsonNode body) throws IOException {
        return send("POST", path, Json.bytes(body), "application/json");
    }

    /** Opens the mock's WebSocket watch (the only kind it serves) for a path and query. */
    CompletableFuture<WebSocket> watch(String pathAndQuery, WebSocket.Listener listener) {
        URI uri = URI.create("ws://127.0.0.1:" + URI.create(base).getPort() + pathAndQuery);
        return client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, listener);
    }
}

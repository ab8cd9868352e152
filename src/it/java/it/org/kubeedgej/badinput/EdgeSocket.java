package it.org.kubeedgej.badinput;

import it.org.kubeedgej.support.Http;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * A hostile edge on CloudHub's WebSocket: sends text, fragments and binary frames as it likes and records every
 * message and how the session ended (code and reason), which {@code TestEdgeClient} does not expose.
 */
final class EdgeSocket implements WebSocket.Listener, AutoCloseable {

    /** KubeEdge's default project id. */
    static final String PROJECT = "e632aba927ea4ac2b575ec1603d56f10";

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** The refusal of a WebSocket upgrade: HTTP status and CloudHub's reason header. */
    record Refusal(int status, String reason) {
    }

    static EdgeSocket open(int port, String path, SSLContext tls, Map<String, String> headers)
            throws ExecutionException {
        EdgeSocket client = new EdgeSocket();
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            client.socket = builder.buildAsync(URI.create("wss://127.0.0.1:" + port + path), client)
                    .get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | TimeoutException e) {
            throw new ExecutionException("handshake did not finish", e);
        }
        return client;
    }

    static String eventsPath(String node) {
        return "/" + PROJECT + "/" + node + "/events";
    }

    static Map<String, String> headersFor(String node) {
        return Map.of("node_id", node, "project_id", PROJECT, "ConnectionUse", "msg");
    }

    /**
     * @return how CloudHub refused the upgrade; fails when it was accepted or failed otherwise than by HTTP
     */
    static Refusal refusal(int port, String path, SSLContext tls, Map<String, String> headers) {
        try {
            open(port, path, tls, headers).close();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Refusal(refused.getResponse().statusCode(),
                        refused.getResponse().headers().firstValue("X-KubeEdge-Refused").orElse(""));
            }
            throw new AssertionError("expected an HTTP refusal of the upgrade, got " + e.getCause(), e);
        }
        throw new AssertionError("CloudHub accepted the session at " + path);
    }

    void text(String text) {
        socket.sendText(text, true).join();
    }

    void fragmented(String text, int fragment) {
        for (int i = 0; i < text.length(); i += fragment) {
            int end = Math.min(text.length(), i + fragment);
            socket.sendText(text.substring(i, end), end == text.length()).join();
        }
    }

    void binary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** @return the next message as JSON; fails when none comes in time */
    JsonObject next(Duration wait) throws InterruptedException {
        String text = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            throw new AssertionError("CloudHub sent nothing within " + wait + (isClosed() ? "; session closed: "
                    + closed.getNow("") : ""));
        }
        return Http.json(text);
    }

    /** @return the cloud's answer to the request (parent_msg_id = its msg_id), other messages kept */
    JsonObject answerTo(JsonObject request, Duration wait) throws InterruptedException {
        String id = request.getJsonObject("header").getString("msg_id");
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> others = new ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                String text = received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
                if (text == null) {
                    break;
                }
                JsonObject message = Http.json(text);
                if (id.equals(message.getJsonObject("header").getString("parent_msg_id", ""))) {
                    return message;
                }
                others.add(text);
            }
        } finally {
            received.addAll(others);
        }
        throw new AssertionError("no answer to " + request.getJsonObject("route") + " within " + wait
                + "; other messages: " + others);
    }

    /** Forgets what arrived so far. */
    void clear() {
        received.clear();
    }

    /** @return "code reason" of the close CloudHub sent, or null if the session is still open after the wait */
    String awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return "error " + e.getCause();
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        if (socket != null) {
            socket.abort();
        }
    }
}

package it.org.kubeedgej.support;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
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
 * A stand-in edge node for CloudHub tests: a JDK WebSocket client with a node certificate, sending the headers
 * KubeEdge's EdgeHub sends, collecting what CloudHub sends back and how the session closed.
 */
public final class TestEdgeClient implements WebSocket.Listener, AutoCloseable {

    /** KubeEdge's default project id. */
    public static final String PROJECT = "e632aba927ea4ac2b575ec1603d56f10";

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** The cloud's answers to this edge's requests (parent_msg_id set), apart from what the cloud sends on its own. */
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /**
     * Connects as a node.
     *
     * @param port CloudHub's port on 127.0.0.1
     * @param urlNode the node id in the URL
     * @param tls the TLS context (certificate) to present
     * @param headers handshake headers (node_id, project_id), as the test wants them
     * @return the connected client
     * @throws ExecutionException with the handshake failure when CloudHub refuses
     */
    public static TestEdgeClient connect(int port, String urlNode, SSLContext tls, Map<String, String> headers)
            throws ExecutionException {
        TestEdgeClient client = new TestEdgeClient();
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            client.socket = builder.buildAsync(
                    URI.create("wss://127.0.0.1:" + port + "/" + PROJECT + "/" + urlNode + "/events"), client)
                    .get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | TimeoutException e) {
            throw new ExecutionException("handshake did not finish", e);
        }
        return client;
    }

    /** @return the headers a KubeEdge edge sends for this node */
    public static Map<String, String> headersFor(String node) {
        return Map.of("node_id", node, "project_id", PROJECT, "ConnectionUse", "msg");
    }

    /** @return the headers exactly as KubeEdge v1.22's Go client writes them on the wire (canonicalised names) */
    public static Map<String, String> goHeadersFor(String node) {
        return Map.of("Node_id", node, "Project_id", PROJECT, "Connectionuse", "msg");
    }

    /** @param text a whole message to send */
    public synchronized void send(String text) {
        socket.sendText(text, true).join();
    }

    /** @param message a whole message to send */
    public void send(JsonObject message) {
        send(message.toString());
    }

    /** @param text sent as several fragments of at most {@code fragment} characters */
    public void sendFragmented(String text, int fragment) {
        for (int i = 0; i < text.length(); i += fragment) {
            int end = Math.min(text.length(), i + fragment);
            socket.sendText(text.substring(i, end), end == text.length()).join();
        }
    }

    /**
     * @param timeout how long to wait
     * @return the next whole message as JSON; the test fails if none arrives in time
     */
    public JsonObject nextJson(Duration timeout) throws InterruptedException {
        String text = nextMessage(timeout);
        if (text == null) {
            throw new AssertionError("nothing reached the edge within " + timeout);
        }
        return Http.json(text);
    }

    /**
     * @param message a message the cloud sent
     * @return the edge's ack of it, as KubeEdge's MetaManager sends it after storing: a response whose
     *         parent_msg_id is the message's id
     */
    public static String ackOf(JsonObject message) {
        String id = message.getJsonObject("header").getString("msg_id");
        return "{\"header\":{\"msg_id\":\"ack-" + id + "\",\"parent_msg_id\":\"" + id + "\",\"timestamp\":"
                + System.currentTimeMillis() + "},\"route\":{\"source\":\"edgecontroller\",\"group\":\"resource\","
                + "\"operation\":\"response\",\"resource\":\"" + message.getJsonObject("route").getString("resource")
                + "\"},\"content\":\"OK\"}";
    }

    /**
     * @param request a request this edge sent
     * @param timeout how long to wait
     * @return the cloud's answer to it (a response or error whose parent_msg_id is its id); fails if none comes
     */
    public JsonObject awaitAnswer(JsonObject request, Duration timeout) throws InterruptedException {
        String id = request.getJsonObject("header").getString("msg_id");
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.List<String> others = new java.util.ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                String text = answers.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
                if (text == null) {
                    break;
                }
                JsonObject answer = Http.json(text);
                if (id.equals(answer.getJsonObject("header").getString("parent_msg_id", ""))) {
                    return answer;
                }
                others.add(text);
            }
        } finally {
            answers.addAll(others);
        }
        throw new AssertionError("no answer to " + request.getJsonObject("route") + " within " + timeout);
    }

    private static boolean isAnswer(String text) {
        try {
            return !Http.json(text).getJsonObject("header").getString("parent_msg_id", "").isEmpty();
        } catch (RuntimeException notAnObjectMessage) {
            return false;
        }
    }

    public String nextMessage(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param timeout how long to wait
     * @return the close code CloudHub sent, or null if still open
     */
    public Integer awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return -1;
        }
    }

    /** @return whether CloudHub has closed the session */
    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            (isAnswer(text) ? answers : received).add(text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        if (socket != null) {
            socket.abort();
        }
    }
}

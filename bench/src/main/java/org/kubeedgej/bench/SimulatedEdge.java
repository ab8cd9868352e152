package org.kubeedgej.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One simulated edge node's CloudHub session: it sends keepalives when told to, acknowledges every message
 * CloudHub delivers (as EdgeHub does) and reports a session CloudHub ends as a failure.
 */
final class SimulatedEdge implements WebSocket.Listener {

    private static final Logger LOG = Logger.getLogger(SimulatedEdge.class.getName());

    private final NodeIdentity identity;
    private final FailureCounts failures;
    private final DeliveryTracker deliveries;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean open;
    private volatile boolean closing;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

    SimulatedEdge(NodeIdentity identity, FailureCounts failures, DeliveryTracker deliveries) {
        this.identity = identity;
        this.failures = failures;
        this.deliveries = deliveries;
    }

    String nodeId() {
        return identity.nodeId();
    }

    NodeIdentity identity() {
        return identity;
    }

    /** @return whether the session is open as far as this edge knows */
    boolean isOpen() {
        return open;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        open = true;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            handle(text);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String text) {
        KubeEdgeMessages.Received message;
        try {
            message = KubeEdgeMessages.Received.parse(text);
        } catch (RuntimeException e) {
            failures.record("unreadable message from cloudhub: " + e.getClass().getSimpleName());
            return;
        }
        if ("error".equals(message.operation())) {
            deliveries.errorReply();
            return;
        }
        if (message.needsAck()) {
            long now = System.currentTimeMillis();
            send(KubeEdgeMessages.ack(message.msgId(), message.resource()));
            deliveries.acked(message.msgId(), message.timestamp(), now);
        }
    }

    /** Sends a keepalive if the session is open. */
    void keepalive() {
        if (open) {
            send(KubeEdgeMessages.keepalive());
        }
    }

    /** Sends one whole text message after the ones before it (the JDK WebSocket allows one send at a time). */
    private synchronized void send(String text) {
        WebSocket webSocket = socket;
        sendTail = sendTail.handle((ignored, error) -> null)
                .thenCompose(ignored -> webSocket.sendText(text, true))
                .whenComplete((ignored, error) -> {
                    if (error != null && open) {
                        LOG.log(Level.FINE, "send failed for " + nodeId(), error);
                    }
                });
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        lost("closed by cloudcore: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        lost("session error: " + ConnectFailure.describe(error));
    }

    private void lost(String cause) {
        boolean wasOpen = open;
        open = false;
        if (wasOpen && !closing) {
            failures.record(cause);
        }
    }

    /** Ends the session from the edge side (not counted as a failure). */
    void close() {
        closing = true;
        open = false;
        WebSocket webSocket = socket;
        if (webSocket != null) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((ignored, error) -> webSocket.abort());
        }
    }
}

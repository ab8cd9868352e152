package org.kubeedgej.edge.edgehub;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;
import org.kubeedgej.shared.tunnel.MessageRateLimiter;

/**
 * The connection to CloudHub: connect, keep alive, reconnect, send (or buffer), and receive. With several CloudHub
 * addresses ({@link CloudHubAddresses}), each reconnect goes to the next one.
 */
@ApplicationScoped
public class EdgeHubClient {

    private static final Logger LOG = Logger.getLogger(EdgeHubClient.class.getName());
    private static final long SEND_TIMEOUT_SECONDS = 30;

    @Inject
    EdgeHubConfig config;

    @Inject
    DownstreamHandler downstream;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Event<CloudConnectedEvent> connectedEvents;

    private final MessageCodec codec = MessageCodec.create();
    private OutboundBuffer buffer;
    private CloudHubAddresses addresses;
    private MessageRateLimiter limiter;
    private volatile WebSocket socket;
    private volatile String lastError = "not connected yet";
    private volatile boolean stopping;
    private ScheduledFuture<?> heartbeat;
    private int attempt;

    /** Before any module's Startup observer runs: a module may send while starting, and that waits in the buffer. */
    @PostConstruct
    void init() {
        buffer = new OutboundBuffer(config.outboundBufferSize());
        addresses = new CloudHubAddresses(config.servers(), nodeName, config.spreadOverServers());
        limiter = new MessageRateLimiter(config.messageQps(), config.messageBurst());
    }

    void onStart(@Observes Startup event) {
        if (!config.enabled()) {
            LOG.info("EdgeHub is disabled (modules.edgeHub.enable=false); this edge works offline only");
            return;
        }
        scheduler.execute(this::connect);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "edgecore is shutting down").orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    private void connect() {
        if (stopping) {
            return;
        }
        String server = addresses.current();
        URI uri = URI.create("wss://" + server + "/" + config.projectId() + "/" + nodeName + "/events");
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(EdgeHubTls.context(config))
                    .connectTimeout(Duration.ofSeconds(30)).build();
            http.newWebSocketBuilder()
                    .header("node_id", nodeName)
                    .header("project_id", config.projectId())
                    // KubeEdge's CloudHub (viaduct) reads frames only from a connection declared for messages.
                    .header("ConnectionUse", "msg")
                    .buildAsync(uri, new EdgeHubListener(downstream::handle, this::gone))
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            gone(null, "cannot connect to cloudhub at " + uri + ": " + rootCause(error));
                        } else {
                            connected(ws, uri, server);
                        }
                    });
        } catch (RuntimeException e) {
            gone(null, e.getMessage());
        }
    }

    private synchronized void connected(WebSocket ws, URI uri, String server) {
        socket = ws;
        attempt = 0;
        lastError = "";
        LOG.info(() -> "edge node " + nodeName + " connected to cloudhub at " + uri);
        int period = config.heartbeatSeconds();
        heartbeat = scheduler.scheduleAtFixedRate(this::sendKeepalive, period, period, TimeUnit.SECONDS);
        for (Message waiting : buffer.drain()) {
            send(waiting);
        }
        scheduler.execute(() -> connectedEvents.fire(new CloudConnectedEvent(server)));
    }

    private void gone(WebSocket ws, String reason) {
        lost(ws, reason, true);
    }

    /**
     * @param failover whether to try the next CloudHub address: yes when the connection failed, not when EdgeHub
     *     closed it itself to reconnect (new certificate), which keeps its replica
     */
    private synchronized void lost(WebSocket ws, String reason, boolean failover) {
        if (ws != null && ws != socket) {
            return;
        }
        socket = null;
        lastError = reason;
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
        if (stopping) {
            return;
        }
        // Exponential backoff with jitter, so a fleet of edges does not reconnect in lock step.
        long base = Math.min(config.reconnectMaxSeconds() * 1000L, 1000L << Math.min(attempt++, 5));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        String next = failover ? addresses.advance() : addresses.current();
        LOG.warning(() -> "edge node " + nodeName + " is disconnected from cloudhub (" + reason + "); retrying in "
                + delay + " ms" + (addresses.several() ? " at " + next : ""));
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void sendKeepalive() {
        send(Message.newRequest(Groups.WEBSOCKET, Groups.RESOURCE, Operations.KEEPALIVE, ResourceTypes.NODE,
                Message.textContent("ping")));
    }

    /**
     * Sends a message to the cloud now, or keeps it for when the connection is back.
     *
     * @param message the message
     */
    public void send(Message message) {
        WebSocket current = socket;
        if (current == null) {
            if (!Operations.KEEPALIVE.equals(message.route().operation()) && buffer.add(message)) {
                LOG.warning(() -> "EdgeHub's outbound buffer is full (modules.edgeHub.outboundBufferSize); dropped"
                        + " the oldest waiting message");
            }
            if (socket != null) {
                // Connected meanwhile: the new session's drain may have run before this message was added.
                for (Message waiting : buffer.drain()) {
                    send(waiting);
                }
            }
            return;
        }
        String operation = message.route().operation();
        if (!Operations.RESPONSE.equals(operation)) {
            // Wait for CloudHub's rate rather than have it drop the message; callers that report state coalesce
            // meanwhile. Acks are exempt there too; keepalives count.
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                buffer.add(message);
                return;
            }
        }
        write(current, message);
    }

    /**
     * Waits for room under the rate limit first, then sends what {@code latest} gives at that moment: for reports of
     * state, where the value current when the room came should go, not the one current when the wait began (at 30
     * messages a second the wait is up to 33 ms of staleness per report). Disconnected, it is {@link #send} at once.
     *
     * @param latest the message to send now, or empty when there is nothing to send any more
     */
    public void sendLatest(Supplier<Optional<Message>> latest) {
        WebSocket current = socket;
        if (current == null) {
            latest.get().ifPresent(this::send);
            return;
        }
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            latest.get().ifPresent(buffer::add);
            return;
        }
        latest.get().ifPresent(message -> write(current, message));
    }

    /** Writes a message that has its room under the rate limit already. */
    private void write(WebSocket current, Message message) {
        String text = codec.encodeToString(message);
        try {
            // One send at a time: the JDK WebSocket allows a single outstanding send.
            synchronized (current) {
                current.sendText(text, true).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            gone(current, "send failed: " + rootCause(e));
            current.abort();
            // On the connection that replaced this one if there is one already (a reconnect raced this send),
            // else into the buffer, which the next connection drains.
            send(message);
        }
    }

    /**
     * Closes the session and connects again, reading the TLS credentials afresh (after a certificate rotation).
     * Sends from now on wait in the buffer until the new session is up; a send already under way finishes first.
     *
     * @param reason why, for the log and the close frame
     */
    public void reconnect(String reason) {
        WebSocket current = socket;
        if (current == null) {
            return;
        }
        lost(current, reason, false);
        synchronized (current) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, reason).orTimeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        // CloudHub answers the close and ends the connection; aborting now could reset it before CloudHub has read
        // the last messages sent on it. Only a CloudHub that never answers is cut off.
        scheduler.schedule(current::abort, SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** @return whether EdgeHub is meant to connect (modules.edgeHub.enable) */
    public boolean isEnabled() {
        return config.enabled();
    }

    /** @return whether EdgeHub has an open session with CloudHub */
    public boolean isConnected() {
        return socket != null;
    }

    /** @return why EdgeHub is not connected (empty while connected) */
    public String lastError() {
        return lastError;
    }

    /** @return the CloudHub address in use, or to be tried next */
    public String server() {
        return addresses == null ? config.server() : addresses.current();
    }

    /** @return messages waiting for the connection */
    public int buffered() {
        return buffer == null ? 0 : buffer.size();
    }

    private static String rootCause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}

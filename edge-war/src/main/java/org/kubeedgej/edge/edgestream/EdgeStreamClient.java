package org.kubeedgej.edge.edgestream;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.EdgeHubConfig;
import org.kubeedgej.edge.edgehub.EdgeHubTls;
import org.kubeedgej.shared.stream.StreamFormatException;
import org.kubeedgej.shared.stream.StreamMessage;

/**
 * Keeps the stream tunnel to CloudStream open: {@code wss://<tunnelServer>/v1/kubeedge/connect} with the node's
 * EdgeHub certificate and KubeEdge's {@code SessionHostNameOverride}/{@code SessionInternalIP} headers, reconnecting
 * with backoff and jitter. Frames from the cloud go to {@link LogConnections}, {@link MetricConnections} and
 * {@link ExecConnections} (exec and attach, whose DATA frames carry the client's side of the upgraded connection).
 */
@ApplicationScoped
public class EdgeStreamClient implements StreamSender {

    private static final Logger LOG = Logger.getLogger(EdgeStreamClient.class.getName());
    static final String PATH = "/v1/kubeedge/connect";
    private static final int MAX_DATA = 1 << 20;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    @Inject
    EdgeStreamConfig config;

    @Inject
    EdgeHubConfig hub;

    @Inject
    LogConnections logs;

    @Inject
    MetricConnections metrics;

    @Inject
    ExecConnections execs;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Object sendLock = new Object();
    private volatile WebSocket socket;
    private volatile boolean stopping;
    private int attempt;

    void onStart(@Observes Startup event) {
        if (!config.enabled() || !hub.enabled()) {
            LOG.info("EdgeStream is off (modules.edgeStream.enable=false or EdgeHub off): kubectl logs cannot reach"
                    + " this node's pods");
            return;
        }
        scheduler.execute(this::connect);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        logs.stopAll();
        execs.stopAll();
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "edgecore is shutting down").orTimeout(2, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    /** @return whether the tunnel is open */
    public boolean connected() {
        return socket != null;
    }

    private void connect() {
        if (stopping) {
            return;
        }
        URI uri = URI.create("wss://" + config.tunnelServer() + PATH);
        try {
            HttpClient.newBuilder().sslContext(EdgeHubTls.context(hub)).connectTimeout(Duration.ofSeconds(30)).build()
                    .newWebSocketBuilder()
                    .header("SessionHostNameOverride", nodeName)
                    .header("SessionInternalIP", "127.0.0.1")
                    .buildAsync(uri, new TunnelListener(this::received, this::gone))
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            gone(null, "cannot open the stream tunnel at " + uri + ": " + rootCause(error));
                        } else {
                            opened(ws, uri);
                        }
                    });
        } catch (RuntimeException e) {
            gone(null, e.getMessage());
        }
    }

    private synchronized void opened(WebSocket ws, URI uri) {
        socket = ws;
        attempt = 0;
        LOG.info(() -> "edge node " + nodeName + " opened its stream tunnel to " + uri);
    }

    private synchronized void gone(WebSocket ws, String reason) {
        if (ws != null && ws != socket) {
            return;
        }
        boolean wasOpen = socket != null;
        socket = null;
        logs.stopAll();
        execs.stopAll();
        if (stopping) {
            return;
        }
        long base = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(attempt++, 5));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (wasOpen || attempt <= 1) {
            LOG.warning(() -> "edge node " + nodeName + ": stream tunnel down (" + reason + "); retrying in " + delay
                    + " ms");
        } else {
            LOG.fine(() -> "edge node " + nodeName + ": stream tunnel still down (" + reason + ")");
        }
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void received(ByteBuffer frame) {
        StreamMessage message;
        try {
            message = StreamMessage.decode(frame, MAX_DATA);
        } catch (StreamFormatException e) {
            LOG.warning(() -> "edge node " + nodeName + ": unreadable frame from CloudStream; dropped: "
                    + e.getMessage());
            return;
        }
        switch (message.type()) {
            case LOGS_CONNECT -> scheduler.execute(() -> logs.connect(message, this));
            case REMOVE_CONNECT -> {
                logs.stop(message.connectId());
                execs.stop(message.connectId());
            }
            case DATA -> {
                if (!execData(message)) {
                    LOG.fine(() -> "edge node " + nodeName + ": data for connection " + message.connectId()
                            + ", which is not open, dropped");
                }
            }
            case METRIC_CONNECT -> scheduler.execute(() -> metrics.serve(message, this));
            case EXEC_CONNECT, ATTACH_CONNECT -> scheduler.execute(() -> execs.connect(message, this));
            case CLOSE_CONNECT -> LOG.warning(() -> "CloudStream closed the tunnel of edge node " + nodeName + ": "
                    + new String(message.data(), StandardCharsets.UTF_8));
            default -> LOG.fine(() -> "edge node " + nodeName + ": " + message + " from CloudStream ignored");
        }
    }

    /** One session's failure must not take the tunnel down with it. */
    private boolean execData(StreamMessage message) {
        try {
            return execs.data(message.connectId(), message.data());
        } catch (Exception e) {
            LOG.warning(() -> "edge node " + nodeName + ": stream connection " + message.connectId()
                    + " failed on its data: " + e);
            execs.stop(message.connectId());
            return true;
        }
    }

    /** Frames go out one at a time: the WebSocket takes one send at a time. */
    @Override
    public boolean send(StreamMessage message) {
        WebSocket current = socket;
        if (current == null) {
            return false;
        }
        try {
            synchronized (sendLock) {
                current.sendBinary(ByteBuffer.wrap(message.encode()), true).get(30, TimeUnit.SECONDS);
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.fine(() -> "edge node " + nodeName + ": cannot send " + message + ": " + e);
            return false;
        }
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}

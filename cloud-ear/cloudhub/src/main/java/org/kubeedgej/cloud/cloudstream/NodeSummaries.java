package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.kubeedgej.shared.stream.StreamConnectRequest;
import org.kubeedgej.shared.stream.StreamMessage;
import org.kubeedgej.shared.stream.StreamMessageType;

/**
 * Each edge node's kubelet Summary ({@code /stats/summary}), asked over its tunnel (METRIC_CONNECT) and kept for
 * {@value #FRESH_MILLIS} ms, so that several readers in a row cost the edge one Docker read. An answer is bounded
 * to {@value #MAX_BYTES} bytes and {@value #WAIT_MILLIS} ms.
 */
@ApplicationScoped
public class NodeSummaries {

    private static final Logger LOG = Logger.getLogger(NodeSummaries.class.getName());
    static final long FRESH_MILLIS = 5_000;
    static final long WAIT_MILLIS = 15_000;
    static final int MAX_BYTES = 4 << 20;

    private record Kept(long atMillis, JsonObject summary) {
    }

    @Inject
    StreamTunnels tunnels;

    @Inject
    CloudStreamConfig config;

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /** @return the node's summary, or empty when it has no tunnel or did not answer in time (logged) */
    public Optional<JsonObject> of(String nodeId) {
        Kept recent = kept.get(nodeId);
        if (recent != null && System.currentTimeMillis() - recent.atMillis() < FRESH_MILLIS) {
            return Optional.of(recent.summary());
        }
        Optional<TunnelSession> tunnel = tunnels.of(nodeId);
        if (tunnel.isEmpty()) {
            kept.remove(nodeId);
            return Optional.empty();
        }
        Optional<StreamConnection> opened = tunnel.get().open(config.maxConnectionsPerNode());
        if (opened.isEmpty()) {
            return Optional.ofNullable(recent).map(Kept::summary);
        }
        StreamConnection connection = opened.get();
        try {
            tunnel.get().send(new StreamMessage(connection.id(), StreamMessageType.METRIC_CONNECT,
                    new StreamConnectRequest(connection.id(), "/stats/summary", "", Map.of()).encode()));
            String text = collect(connection, nodeId);
            if (text == null) {
                return Optional.empty();
            }
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                JsonObject summary = reader.readObject();
                kept.put(nodeId, new Kept(System.currentTimeMillis(), summary));
                return Optional.of(summary);
            } catch (RuntimeException e) {
                LOG.warning(() -> "edge node " + nodeId + " answered /stats/summary with something not a Summary: "
                        + abbreviate(text));
                return Optional.empty();
            }
        } catch (IOException e) {
            LOG.fine(() -> "edge node " + nodeId + ": cannot ask for /stats/summary: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            tunnel.get().close(connection);
        }
    }

    private static String collect(StreamConnection connection, String nodeId) throws InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            byte[] data = connection.next(250);
            if (data == null) {
                continue;
            }
            if (data.length == 0 && connection.endReason() != null) {
                return body.toString(StandardCharsets.UTF_8);
            }
            if (body.size() + data.length > MAX_BYTES) {
                LOG.warning(() -> "edge node " + nodeId + ": /stats/summary over " + MAX_BYTES + " bytes; dropped");
                return null;
            }
            body.writeBytes(data);
        }
        LOG.warning(() -> "edge node " + nodeId + " did not answer /stats/summary within " + WAIT_MILLIS + " ms");
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}

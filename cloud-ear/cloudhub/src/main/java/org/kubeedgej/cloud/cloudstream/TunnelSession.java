package org.kubeedgej.cloud.cloudstream;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.kubeedgej.shared.stream.StreamMessage;
import org.kubeedgej.shared.stream.StreamMessageType;

/** One edge node's tunnel: its WebSocket and the API server connections open over it, by connection id. */
final class TunnelSession {

    private static final Logger LOG = Logger.getLogger(TunnelSession.class.getName());

    private final String nodeId;
    private final Session socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, StreamConnection> connections = new ConcurrentHashMap<>();

    TunnelSession(String nodeId, Session socket) {
        this.nodeId = nodeId;
        this.socket = socket;
    }

    String nodeId() {
        return nodeId;
    }

    Session socket() {
        return socket;
    }

    int openConnections() {
        return connections.size();
    }

    /** @return a new connection, or empty when the node has {@code limit} open already */
    synchronized Optional<StreamConnection> open(int limit) {
        if (connections.size() >= limit) {
            return Optional.empty();
        }
        StreamConnection connection = new StreamConnection(ids.incrementAndGet(), nodeId);
        connections.put(connection.id(), connection);
        return Optional.of(connection);
    }

    /** The API server side is done: the edge is told to stop (REMOVE_CONNECT) unless it ended the connection. */
    void close(StreamConnection connection) {
        connections.remove(connection.id());
        if (connection.endReason() == null) {
            connection.end("the API server closed the request");
            try {
                send(StreamMessage.of(connection.id(), StreamMessageType.REMOVE_CONNECT));
            } catch (IOException e) {
                LOG.fine(() -> "edge node " + nodeId + ": cannot tell the edge that stream connection "
                        + connection.id() + " ended: " + e.getMessage());
            }
        }
    }

    void send(StreamMessage message) throws IOException {
        if (!socket.isOpen()) {
            throw new IOException("the stream tunnel of edge node " + nodeId + " is closed");
        }
        synchronized (socket) {
            socket.getBasicRemote().sendBinary(ByteBuffer.wrap(message.encode()));
        }
    }

    /** A frame from the edge. */
    void receive(StreamMessage message) throws InterruptedException {
        StreamConnection connection = connections.get(message.connectId());
        switch (message.type()) {
            case DATA -> {
                if (connection == null) {
                    LOG.fine(() -> "edge node " + nodeId + " sent data for stream connection " + message.connectId()
                            + ", which is closed; dropped");
                } else if (!connection.deliver(message.data())) {
                    close(connection);
                }
            }
            case REMOVE_CONNECT -> {
                if (connection != null) {
                    connection.end("the edge ended it");
                    connections.remove(connection.id());
                }
            }
            case CLOSE_CONNECT -> LOG.warning(() -> "edge node " + nodeId + " closed its stream tunnel: "
                    + new String(message.data(), java.nio.charset.StandardCharsets.UTF_8));
            default -> LOG.warning(() -> "edge node " + nodeId + " sent " + message.type()
                    + " on its stream tunnel, which only the cloud sends; dropped");
        }
    }

    /** The tunnel is gone: every connection over it ends. */
    void closed(String reason) {
        connections.values().forEach(c -> c.end("the stream tunnel of edge node " + nodeId + " closed: " + reason));
        connections.clear();
    }
}

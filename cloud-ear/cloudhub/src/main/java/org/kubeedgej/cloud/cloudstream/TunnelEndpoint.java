package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.StreamTunnelEvent;
import org.kubeedgej.shared.stream.StreamFormatException;
import org.kubeedgej.shared.stream.StreamMessage;

/**
 * The edges' stream tunnels (KubeEdge's {@code /v1/kubeedge/connect} on the tunnel port). Our edges send binary
 * frames; KubeEdge's edgestream sends the same bytes as text frames, which are taken too. A frame that cannot be read
 * is dropped with a warning naming the node; the tunnel stays.
 */
@ServerEndpoint(value = "/v1/kubeedge/connect", configurator = TunnelHandshake.class)
@Dependent
public class TunnelEndpoint {

    private static final Logger LOG = Logger.getLogger(TunnelEndpoint.class.getName());
    /** KubeEdge reads at most this much data per frame (constants.MaxRespBodyLength). */
    static final int MAX_FRAME_DATA = 1 << 20;

    @Inject
    StreamTunnels tunnels;

    @Inject
    CloudStreamConfig config;

    @Inject
    Event<StreamTunnelEvent> opened;

    @OnOpen
    public void open(Session session) throws IOException {
        String node = (String) session.getUserProperties().get(TunnelHandshake.NODE);
        if (node == null) {
            session.close(new CloseReason(CloseCodes.VIOLATED_POLICY, "no SessionHostNameOverride header"));
            return;
        }
        session.setMaxBinaryMessageBufferSize(MAX_FRAME_DATA + 32);
        session.setMaxTextMessageBufferSize(MAX_FRAME_DATA + 32);
        session.setMaxIdleTimeout(0);
        tunnels.opened(new TunnelSession(node, session)).ifPresent(old -> {
            LOG.info(() -> "edge node " + node + " opened a new stream tunnel; closing its older one");
            try {
                old.socket().close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "replaced by a newer tunnel"));
            } catch (IOException e) {
                LOG.fine(() -> "closing the older stream tunnel of edge node " + node + ": " + e.getMessage());
            }
        });
        LOG.info(() -> "edge node " + node + " opened its stream tunnel (kubectl logs reach its pods through"
                + " port " + config.streamPort() + ")");
        opened.fireAsync(new StreamTunnelEvent(node, config.streamPort()));
    }

    @OnMessage
    public void binary(Session session, ByteBuffer frame) throws InterruptedException {
        receive(session, frame);
    }

    @OnMessage
    public void text(Session session, String frame) throws InterruptedException {
        receive(session, ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)));
    }

    private void receive(Session session, ByteBuffer frame) throws InterruptedException {
        String node = (String) session.getUserProperties().get(TunnelHandshake.NODE);
        TunnelSession tunnel = tunnels.bySocket(node, session).orElse(null);
        if (tunnel == null) {
            return;
        }
        try {
            tunnel.receive(StreamMessage.decode(frame, MAX_FRAME_DATA));
        } catch (StreamFormatException e) {
            LOG.warning(() -> "edge node " + node + " sent an unreadable stream frame; dropped: " + e.getMessage());
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        String node = (String) session.getUserProperties().get(TunnelHandshake.NODE);
        if (node == null) {
            return;
        }
        tunnels.bySocket(node, session).ifPresent(tunnel -> {
            String why = reason.getCloseCode().getCode() + " " + reason.getReasonPhrase();
            tunnels.closed(tunnel, why);
            LOG.info(() -> "stream tunnel of edge node " + node + " closed (" + why + ")");
        });
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.warning(() -> "stream tunnel error for edge node " + session.getUserProperties().get(TunnelHandshake.NODE)
                + ": " + error);
    }
}

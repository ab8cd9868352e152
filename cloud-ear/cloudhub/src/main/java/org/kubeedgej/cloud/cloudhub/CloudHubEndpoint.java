package org.kubeedgej.cloud.cloudhub;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Logger;

/**
 * The WebSocket edge nodes dial into. {@link NodeIdentityFilter} has already checked who is connecting; this
 * class only joins the session to {@link NodeSessions}, bounds whole messages (frames may be fragments of a larger
 * message, and the container's limit is per frame) and hands each message to {@link UpstreamHandler}.
 */
@ServerEndpoint("/{projectId}/{nodeId}/events")
@Dependent // a bean-defining annotation, so Liberty creates the endpoint through CDI and @Inject works
public class CloudHubEndpoint {

    private static final Logger LOG = Logger.getLogger(CloudHubEndpoint.class.getName());
    private static final String NODE = "kubeedge.node";
    private static final String BUFFER = "kubeedge.buffer";

    @Inject
    NodeSessions sessions;

    @Inject
    UpstreamHandler upstream;

    @Inject
    CloudHubConfig config;

    @OnOpen
    public void open(Session session, @PathParam("projectId") String projectId, @PathParam("nodeId") String nodeId) {
        session.setMaxTextMessageBufferSize(Math.min(config.maxMessageBytes(), 1 << 20));
        session.setMaxIdleTimeout(0);
        sessions.open(nodeId, projectId, session).ifPresentOrElse(
                node -> session.getUserProperties().put(NODE, node),
                () -> refuse(session, CloseCodes.TRY_AGAIN_LATER, "node limit reached"));
    }

    @OnMessage
    public void message(Session session, String part, boolean last) {
        NodeSession node = (NodeSession) session.getUserProperties().get(NODE);
        if (node == null) {
            return;
        }
        StringBuilder buffer = (StringBuilder) session.getUserProperties().computeIfAbsent(BUFFER,
                k -> new StringBuilder());
        if (buffer.length() + part.length() > config.maxMessageBytes()) {
            String reason = "message larger than " + config.maxMessageBytes() + " bytes";
            LOG.warning(() -> "closing the session of edge node " + node.nodeId() + ": " + reason
                    + " (modules.cloudHub.websocket.maxMessageSize)");
            buffer.setLength(0);
            refuse(session, CloseCodes.TOO_BIG, reason);
            return;
        }
        buffer.append(part);
        if (last) {
            String text = buffer.toString();
            buffer.setLength(0);
            upstream.handle(node, text);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason, @PathParam("nodeId") String nodeId) {
        sessions.closed(nodeId, session, reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
    }

    @OnError
    public void error(Session session, Throwable error, @PathParam("nodeId") String nodeId) {
        LOG.warning(() -> "session error for edge node " + nodeId + ": " + error);
    }

    private static void refuse(Session session, CloseCodes code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (java.io.IOException e) {
            LOG.fine(() -> "close failed: " + e);
        }
    }
}

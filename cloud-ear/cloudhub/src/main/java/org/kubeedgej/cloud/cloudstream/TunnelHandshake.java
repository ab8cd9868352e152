package org.kubeedgej.cloud.cloudstream;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * Hands the node's name from the handshake to the tunnel's session: KubeEdge's edgestream names itself in the
 * {@code SessionHostNameOverride} header, which {@link StreamAccessFilter} has checked against its certificate. The
 * user properties seen here are the new session's own (WebSocket 2.1).
 */
public class TunnelHandshake extends ServerEndpointConfig.Configurator {

    static final String NODE_HEADER = "SessionHostNameOverride";
    static final String INTERNAL_IP_HEADER = "SessionInternalIP";
    static final String NODE = "kubeedge.stream.node";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        List<String> node = request.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(NODE_HEADER)).map(java.util.Map.Entry::getValue)
                .findFirst().orElse(List.of());
        if (!node.isEmpty()) {
            config.getUserProperties().put(NODE, node.get(0));
        }
    }
}

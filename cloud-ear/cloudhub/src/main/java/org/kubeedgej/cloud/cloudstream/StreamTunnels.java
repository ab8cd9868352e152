package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The open stream tunnels, by node: the newest tunnel of a node replaces an older one. */
@ApplicationScoped
public class StreamTunnels {

    private final Map<String, TunnelSession> byNode = new ConcurrentHashMap<>();

    /** @return the tunnel it replaced, if any */
    Optional<TunnelSession> opened(TunnelSession tunnel) {
        return Optional.ofNullable(byNode.put(tunnel.nodeId(), tunnel));
    }

    /** Forgets the tunnel unless a newer one of the node replaced it. */
    void closed(TunnelSession tunnel, String reason) {
        byNode.remove(tunnel.nodeId(), tunnel);
        tunnel.closed(reason);
    }

    Optional<TunnelSession> of(String nodeId) {
        return Optional.ofNullable(byNode.get(nodeId)).filter(t -> t.socket().isOpen());
    }

    Optional<TunnelSession> bySocket(String nodeId, Session socket) {
        return Optional.ofNullable(byNode.get(nodeId)).filter(t -> t.socket() == socket);
    }

    /** @return the nodes whose tunnel is open */
    java.util.List<String> nodes() {
        return byNode.values().stream().filter(t -> t.socket().isOpen()).map(TunnelSession::nodeId).sorted().toList();
    }

    /** @return API server requests open over all tunnels */
    public int openConnections() {
        return byNode.values().stream().mapToInt(TunnelSession::openConnections).sum();
    }

    /** @return how many nodes have a tunnel open */
    public int count() {
        return byNode.size();
    }
}

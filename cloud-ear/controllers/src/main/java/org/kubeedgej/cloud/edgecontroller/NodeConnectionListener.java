package org.kubeedgej.cloud.edgecontroller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.NodeConnectionEvent;

/**
 * Keeps the last connection state of every edge node CloudHub has seen, for the node status logic
 * (a node whose session is gone past a grace period is marked Ready=Unknown).
 */
@ApplicationScoped
public class NodeConnectionListener {

    private static final Logger LOG = Logger.getLogger(NodeConnectionListener.class.getName());

    private final Map<String, NodeConnectionEvent> lastEvents = new ConcurrentHashMap<>();

    void onConnectionChange(@Observes NodeConnectionEvent event) {
        lastEvents.put(event.nodeId(), event);
        LOG.info(() -> "edge node " + event.nodeId() + (event.connected()
                ? " connected to cloudhub" : " disconnected from cloudhub: " + event.reason()));
    }

    /**
     * @param nodeId a node name
     * @return whether the node's last event was a connect
     */
    public boolean isConnected(String nodeId) {
        NodeConnectionEvent last = lastEvents.get(nodeId);
        return last != null && last.connected();
    }

    /**
     * @param nodeId a node name
     * @return whether this CloudCore has had no session of the node since it started
     */
    public boolean neverSeen(String nodeId) {
        return !lastEvents.containsKey(nodeId);
    }

    /** @return every node whose last event was a disconnect, with when it disconnected */
    public Map<String, Instant> disconnected() {
        Map<String, Instant> gone = new TreeMap<>();
        lastEvents.forEach((nodeId, last) -> {
            if (!last.connected()) {
                gone.put(nodeId, last.at());
            }
        });
        return gone;
    }

    /**
     * @param nodeId a node name
     * @return when the node disconnected, if its last event was a disconnect
     */
    public Optional<Instant> disconnectedSince(String nodeId) {
        NodeConnectionEvent last = lastEvents.get(nodeId);
        return last == null || last.connected() ? Optional.empty() : Optional.of(last.at());
    }
}

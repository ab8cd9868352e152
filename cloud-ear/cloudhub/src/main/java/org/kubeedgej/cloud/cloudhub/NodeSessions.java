package org.kubeedgej.cloud.cloudhub;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.NodeConnectionEvent;
import org.kubeedgej.shared.tunnel.MessageRateLimiter;

/**
 * The connected edge nodes: one session per node (a new connection replaces the old one), the node limit, and
 * the keepalive sweep that closes sessions silent for longer than keepaliveInterval. Opens and closes are told
 * to the controllers as {@link NodeConnectionEvent}s.
 */
@ApplicationScoped
public class NodeSessions {

    private static final Logger LOG = Logger.getLogger(NodeSessions.class.getName());

    @Inject
    CloudHubConfig config;

    @Inject
    Event<NodeConnectionEvent> connectionEvents;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, NodeSession> byNode = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweep;

    @PostConstruct
    void startKeepaliveSweep() {
        long period = Math.max(1, Math.min(5, config.keepaliveIntervalSeconds() / 3));
        sweep = scheduler.scheduleWithFixedDelay(this::closeSilentSessions, period, period, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
        byNode.values().forEach(s -> s.close(CloseCodes.GOING_AWAY, "cloudcore is shutting down"));
    }

    /**
     * Registers a node's new session, closing the one it replaces.
     *
     * @return the session, or empty when the node limit leaves no room (checked again here: the filter's check
     *     and this one race when many nodes connect at once)
     */
    Optional<NodeSession> open(String nodeId, String projectId, Session session) {
        NodeSession fresh = new NodeSession(nodeId, projectId, session,
                new MessageRateLimiter(config.nodeMessageQps(), config.nodeMessageBurst()));
        NodeSession previous;
        synchronized (byNode) {
            if (isFullFor(nodeId)) {
                return Optional.empty();
            }
            previous = byNode.put(nodeId, fresh);
        }
        if (previous != null) {
            LOG.info(() -> "edge node " + nodeId + " connected again; closing its previous session");
            previous.close(CloseCodes.NORMAL_CLOSURE, "replaced by a new connection of the same node");
        }
        LOG.info(() -> "edge node " + nodeId + " connected (project " + projectId + "); " + byNode.size()
                + " nodes connected");
        connectionEvents.fire(new NodeConnectionEvent(nodeId, projectId, true, "", Instant.now()));
        return Optional.of(fresh);
    }

    /** Forgets a closed session, unless the node has already replaced it with a newer one. */
    void closed(String nodeId, Session session, String reason) {
        NodeSession current = byNode.get(nodeId);
        if (current != null && current.session() == session && byNode.remove(nodeId, current)) {
            LOG.info(() -> "edge node " + nodeId + " disconnected: " + reason + "; " + byNode.size()
                    + " nodes connected");
            connectionEvents.fire(new NodeConnectionEvent(nodeId, current.projectId(), false, reason, Instant.now()));
        }
    }

    /**
     * @param nodeId a node name
     * @return the node's session while it is connected
     */
    Optional<NodeSession> find(String nodeId) {
        return Optional.ofNullable(byNode.get(nodeId));
    }

    /**
     * @param nodeId the node asking to connect
     * @return whether the node limit leaves no room for it (a node replacing its own session always fits)
     */
    boolean isFullFor(String nodeId) {
        return !byNode.containsKey(nodeId) && byNode.size() >= config.nodeLimit();
    }

    /** @return the number of connected edge nodes */
    public int connectedCount() {
        return byNode.size();
    }

    /** @return the configured node limit */
    public int nodeLimit() {
        return config.nodeLimit();
    }

    /** Closes a session another replica has replaced with a newer one of the same node, and forgets it here. */
    void closeReplaced(NodeSession session, String reason) {
        session.close(CloseCodes.NORMAL_CLOSURE, "replaced by a newer session on another cloudcore replica");
        closed(session.nodeId(), session.session(), reason);
    }

    /** Closes a session CloudCore cannot serve now (1013, try again later), and forgets it here. */
    void closeUnserved(NodeSession session, String reason) {
        session.close(CloseCodes.TRY_AGAIN_LATER, reason);
        closed(session.nodeId(), session.session(), reason);
    }

    private void closeSilentSessions() {
        long limit = TimeUnit.SECONDS.toNanos(config.keepaliveIntervalSeconds());
        for (NodeSession s : byNode.values()) {
            if (s.silentNanos() > limit) {
                String reason = "no message or keepalive for " + config.keepaliveIntervalSeconds() + " s";
                LOG.warning(() -> "closing the session of edge node " + s.nodeId() + ": " + reason);
                s.close(CloseCodes.GOING_AWAY, reason);
                closed(s.nodeId(), s.session(), reason);
            }
        }
    }
}

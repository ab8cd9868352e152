package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;
import org.kubeedgej.shared.coalescing.CoalescingQueue;

/**
 * When an edge node's session has been gone longer than the grace period, its Node's Ready condition becomes
 * Unknown, as the node lifecycle controller does for kubelets that stop posting status. After CloudCore starts, an
 * edge Node that has not connected within the grace period counts the same (its session may have ended just before a
 * restart, when no CloudCore was there to start the clock). A node that reconnects in time is left alone; its own
 * status reports set Ready again.
 *
 * <p>Only the replica that leads the controllers writes ({@link ControllerLeadership}), so one disconnect is one
 * write however many replicas run. Since the leader sees only its own sessions, a node counts as gone by
 * {@link NodeAbsence}: also its heartbeat must be older than the grace period, which it is not while another
 * replica holds its session.
 *
 * <p>One periodic check finds such nodes, and one thread of its own writes them: when hundreds of nodes drop at
 * once, their API calls must not occupy the container's default executor, which also carries every CloudHub
 * session's reads (a timer per disconnect did, and stalled all deliveries for seconds).
 */
@ApplicationScoped
public class NodeReadyMonitor {

    private static final Logger LOG = Logger.getLogger(NodeReadyMonitor.class.getName());
    private static final int NOT_FOUND = 404;

    @Inject
    NodeConnectionListener connections;

    @Inject
    ApiClient client;

    @Inject
    NodeLister nodes;

    @Inject
    ControllerLeadership leadership;

    @Inject
    NodeLifecycleEvents events;

    @Inject
    @ConfigProperty(name = "modules.edgeController.nodeGracePeriodSeconds", defaultValue = "40")
    int gracePeriodSeconds;

    /**
     * How long after CloudCore starts (or this replica starts leading) a node may take to connect before it counts
     * as gone (Kubernetes' node startup grace period: edges retry with backoff, KubeEdge's up to 30 s between rounds).
     */
    @Inject
    @ConfigProperty(name = "modules.edgeController.nodeStartupGracePeriodSeconds", defaultValue = "60")
    int startupGracePeriodSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    /** Nodes already handled: node name to the time it counted as gone when it was queued. */
    private final Map<String, Instant> marked = new ConcurrentHashMap<>();
    private CoalescingQueue<String, Instant> writes;
    private ScheduledFuture<?> check;

    void start(@Observes Startup startup) {
        // Observing Startup makes the bean start with the application, not on first use.
    }

    @PostConstruct
    void startChecks() {
        writes = new CoalescingQueue<>("edgecontroller-node-ready", threads, 1, (waiting, newer) -> newer,
                Duration.ofSeconds(5), (nodeId, goneAt) -> markUnknown(nodeId, goneAt));
        long every = Math.max(1, Math.min(5, gracePeriodSeconds / 4));
        check = scheduler.scheduleWithFixedDelay(this::checkDisconnected, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (check != null) {
            check.cancel(false);
        }
        if (writes != null) {
            writes.stop();
        }
    }

    private void checkDisconnected() {
        Optional<Instant> leading = leadership.leadingSince();
        if (leading.isEmpty()) {
            marked.clear(); // a later term looks at every node afresh
            return;
        }
        Instant now = Instant.now();
        Set<String> candidates = new TreeSet<>(connections.disconnected().keySet());
        nodes.edgeNodes().forEach(n -> candidates.add(n.getMetadata().getName()));
        marked.keySet().retainAll(candidates);
        for (String nodeId : candidates) {
            if (connections.isConnected(nodeId)) {
                marked.remove(nodeId); // a later disconnect counts afresh
                continue;
            }
            Instant goneAt = absence(nodeId, nodes.find(nodeId).orElse(null)).goneAt(leading.get(), grace(),
                    startupGrace(), now);
            if (goneAt.isBefore(now) && !goneAt.equals(marked.get(nodeId))) {
                marked.put(nodeId, goneAt);
                writes.submit(nodeId, goneAt);
            }
        }
    }

    private NodeAbsence absence(String nodeId, V1Node node) {
        return new NodeAbsence(connections.disconnectedSince(nodeId), connections.neverSeen(nodeId),
                NodeAbsence.heartbeatOf(node));
    }

    private Duration grace() {
        return Duration.ofSeconds(gracePeriodSeconds);
    }

    private Duration startupGrace() {
        return Duration.ofSeconds(startupGracePeriodSeconds);
    }

    private void markUnknown(String nodeId, Instant goneAt) {
        try {
            markUnknownOrFail(nodeId);
        } catch (ApiException e) {
            throw new IllegalStateException("cannot mark edge node " + nodeId + " Ready=Unknown: HTTP " + e.getCode()
                    + " " + e.getResponseBody() + "; check the API server", e);
        }
    }

    private void markUnknownOrFail(String nodeId) throws ApiException {
        Optional<Instant> leading = leadership.leadingSince();
        if (leading.isEmpty() || connections.isConnected(nodeId)) {
            return; // the Lease went to another replica, or the node came back here
        }
        CoreV1Api api = new CoreV1Api(client);
        V1Node node;
        try {
            node = api.readNode(nodeId).execute();
        } catch (ApiException e) {
            if (e.getCode() == NOT_FOUND) {
                LOG.fine(() -> "edge node " + nodeId + " is gone and has no Node object; nothing to mark");
                return;
            }
            throw e; // the queue tries again later
        }
        NodeAbsence absence = absence(nodeId, node);
        Instant now = Instant.now();
        if (!absence.goneAt(leading.get(), grace(), startupGrace(), now).isBefore(now)) {
            return; // it reported since (through another replica, or here and gone again: checked on its own)
        }
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return;
        }
        OffsetDateTime written = OffsetDateTime.now(ZoneOffset.UTC);
        for (V1NodeCondition condition : node.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType()) && !"Unknown".equals(condition.getStatus())) {
                condition.status("Unknown").reason("NodeStatusUnknown")
                        .message("edgecore stopped posting node status: no CloudHub session for "
                                + gracePeriodSeconds + " s")
                        .lastTransitionTime(written);
                if (!leadership.isLeader()) {
                    return;
                }
                api.replaceNodeStatus(nodeId, node).execute();
                events.statusChanged(node, "NodeNotReady", leadership.replicaId());
                LOG.warning(() -> "edge node " + nodeId + " has had no CloudHub session for "
                        + (absence.neverSeenHere() && absence.heartbeat().isEmpty()
                                ? startupGracePeriodSeconds + " s since this CloudCore started leading"
                                : gracePeriodSeconds + " s and no status report through any replica")
                        + " (leader: replica " + leadership.replicaId() + ")"
                        + "; Ready set to Unknown");
            }
        }
    }
}

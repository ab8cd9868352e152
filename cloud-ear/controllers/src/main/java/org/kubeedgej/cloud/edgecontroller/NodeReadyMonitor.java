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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.shared.coalescing.CoalescingQueue;

/**
 * When an edge node's session has been gone longer than the grace period, its Node's Ready condition becomes
 * Unknown, as the node lifecycle controller does for kubelets that stop posting status. After CloudCore starts, an
 * edge Node that has not connected within the grace period counts the same (its session may have ended just before a
 * restart, when no CloudCore was there to start the clock). A node that reconnects in time is left alone; its own
 * status reports set Ready again.
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
    @ConfigProperty(name = "modules.edgeController.nodeGracePeriodSeconds", defaultValue = "40")
    int gracePeriodSeconds;

    /**
     * How long after CloudCore starts a node may take to connect before it counts as gone (Kubernetes' node startup
     * grace period: edges retry with backoff, KubeEdge's up to 30 s between rounds).
     */
    @Inject
    @ConfigProperty(name = "modules.edgeController.nodeStartupGracePeriodSeconds", defaultValue = "60")
    int startupGracePeriodSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    /** Disconnects already handled: node name to the disconnect time it was marked for. */
    private final Map<String, Instant> marked = new ConcurrentHashMap<>();
    /** Nodes never connected since start-up and already handled. */
    private final Set<String> markedNeverSeen = ConcurrentHashMap.newKeySet();
    private final Instant startedAt = Instant.now();
    private CoalescingQueue<String, Instant> writes;
    private ScheduledFuture<?> check;

    void start(@Observes Startup startup) {
        // Observing Startup makes the bean start with the application, not on first use.
    }

    @PostConstruct
    void startChecks() {
        writes = new CoalescingQueue<>("edgecontroller-node-ready", threads, 1, (waiting, newer) -> newer,
                Duration.ofSeconds(5), (nodeId, since) -> markUnknown(nodeId, since));
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
        Instant cutoff = Instant.now().minusSeconds(gracePeriodSeconds);
        Map<String, Instant> gone = connections.disconnected();
        marked.keySet().retainAll(gone.keySet()); // reconnected since: a later disconnect counts afresh
        gone.forEach((nodeId, since) -> {
            if (since.isBefore(cutoff) && !since.equals(marked.get(nodeId))) {
                marked.put(nodeId, since);
                writes.submit(nodeId, since);
            }
        });
        if (startedAt.isBefore(Instant.now().minusSeconds(startupGracePeriodSeconds))) {
            for (V1Node node : nodes.edgeNodes()) {
                String nodeId = node.getMetadata().getName();
                if (connections.neverSeen(nodeId) && markedNeverSeen.add(nodeId)) {
                    writes.submit(nodeId, startedAt);
                }
            }
        }
    }

    private void markUnknown(String nodeId, Instant since) {
        try {
            markUnknownOrFail(nodeId, since);
        } catch (ApiException e) {
            throw new IllegalStateException("cannot mark edge node " + nodeId + " Ready=Unknown: HTTP " + e.getCode()
                    + " " + e.getResponseBody() + "; check the API server", e);
        }
    }

    private void markUnknownOrFail(String nodeId, Instant since) throws ApiException {
        Instant current = connections.disconnectedSince(nodeId)
                .orElse(connections.neverSeen(nodeId) ? startedAt : null);
        if (!since.equals(current)) {
            return; // it came back (and may have gone again: that disconnect is checked on its own)
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
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (V1NodeCondition condition : node.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType()) && !"Unknown".equals(condition.getStatus())) {
                condition.status("Unknown").reason("NodeStatusUnknown")
                        .message("edgecore stopped posting node status: no CloudHub session for "
                                + gracePeriodSeconds + " s")
                        .lastTransitionTime(now);
                api.replaceNodeStatus(nodeId, node).execute();
                LOG.warning(() -> "edge node " + nodeId + " has had no CloudHub session for "
                        + (since.equals(startedAt) ? startupGracePeriodSeconds + " s since CloudCore started"
                                : gracePeriodSeconds + " s")
                        + "; Ready set to Unknown");
            }
        }
    }
}

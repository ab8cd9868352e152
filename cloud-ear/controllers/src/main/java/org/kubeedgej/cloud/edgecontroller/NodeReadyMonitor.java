package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.cloud.events.NodeConnectionEvent;

/**
 * When an edge node's session has been gone longer than the grace period, its Node's Ready condition becomes
 * Unknown, as the node lifecycle controller does for kubelets that stop posting status. A node that reconnects in
 * time is left alone; its own status reports set Ready again.
 */
@ApplicationScoped
public class NodeReadyMonitor {

    private static final Logger LOG = Logger.getLogger(NodeReadyMonitor.class.getName());

    @Inject
    NodeConnectionListener connections;

    @Inject
    ApiClient client;

    @Inject
    @ConfigProperty(name = "modules.edgeController.nodeGracePeriodSeconds", defaultValue = "40")
    int gracePeriodSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void onConnection(@Observes NodeConnectionEvent event) {
        if (!event.connected()) {
            scheduler.schedule(() -> markUnknownIfStillGone(event.nodeId()), gracePeriodSeconds, TimeUnit.SECONDS);
        }
    }

    private void markUnknownIfStillGone(String nodeId) {
        if (connections.disconnectedSince(nodeId).isEmpty()) {
            return;
        }
        CoreV1Api api = new CoreV1Api(client);
        try {
            V1Node node = api.readNode(nodeId).execute();
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
                            + gracePeriodSeconds + " s; Ready set to Unknown");
                }
            }
        } catch (ApiException e) {
            LOG.warning(() -> "cannot mark edge node " + nodeId + " Ready=Unknown: HTTP " + e.getCode() + " "
                    + e.getResponseBody());
        }
    }
}

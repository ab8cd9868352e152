package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * An edge kubelet's node Lease ({@code kube-node-lease/lease/<node>}, renewed every 10 s; Kubernetes' node lifecycle
 * controller reads it as the node's heartbeat): {@code insert} creates it, {@code update} replaces it, {@code query}
 * reads it; each is answered with an ObjectResp holding the Lease, or the API server's Status. A node may only touch
 * its own Lease.
 */
@ApplicationScoped
public class LeaseUpstreamHandler {

    private static final Logger LOG = Logger.getLogger(LeaseUpstreamHandler.class.getName());
    private static final Set<String> OPERATIONS = Set.of(Operations.INSERT, Operations.UPDATE, Operations.QUERY);
    private static final String API_VERSION = "coordination.k8s.io/v1";

    @Inject
    ApiClient client;

    @Inject
    EdgeReplies replies;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        String operation = event.message().route().operation();
        if (!OPERATIONS.contains(operation) || !event.is(ResourceTypes.LEASE, operation)) {
            return;
        }
        event.take();
        ResourcePath path = event.objectPath().orElseThrow();
        String nodeId = event.nodeId();
        if (EdgeRequests.refuseOtherNode(event, path, "lease", true, replies, LOG)) {
            return;
        }
        CoordinationV1Api api = new CoordinationV1Api(client);
        try {
            V1Lease lease = switch (operation) {
                case Operations.INSERT -> api.createNamespacedLease(path.namespace(), fresh(event)).execute();
                case Operations.UPDATE -> api.replaceNamespacedLease(path.name(), path.namespace(),
                        EdgeRequests.decode(event, V1Lease.class).apiVersion(API_VERSION).kind("Lease")).execute();
                default -> api.readNamespacedLease(path.name(), path.namespace()).execute();
            };
            replies.object(nodeId, event.message(), ObjectJson.of(lease, API_VERSION, "Lease"),
                    lease.getMetadata().getResourceVersion());
        } catch (IllegalArgumentException e) {
            EdgeRequests.refuseMalformed(event, e, replies, LOG);
        } catch (ApiException e) {
            EdgeRequests.answerApiFailure(event, e, true, operation + " the lease of edge node " + nodeId, replies,
                    LOG);
        }
    }

    private static V1Lease fresh(EdgeMessageEvent event) {
        V1Lease lease = EdgeRequests.decode(event, V1Lease.class).apiVersion(API_VERSION).kind("Lease");
        if (lease.getMetadata() != null) {
            lease.getMetadata().setResourceVersion(null);
            lease.getMetadata().setUid(null);
        }
        return lease;
    }
}

package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * What edged says about its pods: status updates are written to the API server, and a pod's {@code delete}
 * confirms that its containers are gone, so a gracefully deleted pod is removed with grace period 0. Only the node
 * a pod is bound to may speak for it. API failures are rethrown so the upstream queue redelivers.
 */
@ApplicationScoped
public class PodUpstreamHandler {

    private static final Logger LOG = Logger.getLogger(PodUpstreamHandler.class.getName());
    private static final int NOT_FOUND = 404;

    @Inject
    ApiClient client;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        boolean status = event.is(ResourceTypes.POD_STATUS, Operations.UPDATE);
        boolean deleted = event.is(ResourceTypes.POD, Operations.DELETE);
        if (!status && !deleted) {
            return;
        }
        ResourcePath path = event.objectPath().orElseThrow();
        CoreV1Api api = new CoreV1Api(client);
        String key = path.namespace() + "/" + path.name();
        try {
            V1Pod pod = api.readNamespacedPod(path.name(), path.namespace()).execute();
            if (pod.getSpec() == null || !event.nodeId().equals(pod.getSpec().getNodeName())) {
                LOG.warning(() -> "edge node " + event.nodeId() + " reported on pod " + key + ", which is bound to "
                        + (pod.getSpec() == null ? "no node" : pod.getSpec().getNodeName()) + "; ignored");
                return;
            }
            if (status) {
                V1Pod reported = JSON.deserialize(event.message().content().toString(), V1Pod.class);
                pod.setStatus(reported.getStatus());
                api.replaceNamespacedPodStatus(path.name(), path.namespace(), pod).execute();
                LOG.fine(() -> "status of pod " + key + " from edge node " + event.nodeId() + " written");
            } else if (pod.getMetadata().getDeletionTimestamp() != null) {
                api.deleteNamespacedPod(path.name(), path.namespace()).gracePeriodSeconds(0).execute();
                LOG.info(() -> "pod " + key + " stopped on edge node " + event.nodeId() + "; deleted");
            }
        } catch (ApiException e) {
            if (e.getCode() == NOT_FOUND) {
                LOG.fine(() -> "pod " + key + " from edge node " + event.nodeId() + " is already gone");
                return;
            }
            throw new IllegalStateException("cannot write what edge node " + event.nodeId() + " reported on pod "
                    + key + ": HTTP " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }
}

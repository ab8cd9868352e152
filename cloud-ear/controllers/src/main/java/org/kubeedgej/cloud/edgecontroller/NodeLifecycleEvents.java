package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Logger;

/**
 * The Events the node lifecycle controller records when it, not the kubelet, changes a node: a node whose edge went
 * away cannot report its own NodeNotReady, so CloudCore does, as kube-controller-manager's
 * {@code RecordNodeStatusChange} does ("Node n status is now: NodeNotReady", source node-controller, in namespace
 * default, where Events of cluster-scoped objects live). Events are best effort: one the API server refuses is
 * logged, never retried, and never holds up the status write it goes with.
 */
@ApplicationScoped
public class NodeLifecycleEvents {

    static final String COMPONENT = "node-controller";
    static final String NAMESPACE = "default";

    private static final Logger LOG = Logger.getLogger(NodeLifecycleEvents.class.getName());

    @Inject
    ApiClient client;

    /** Records that the node's status became {@code status} (NodeNotReady); {@code instance} names this replica. */
    public void statusChanged(V1Node node, String status, String instance) {
        String name = node.getMetadata().getName();
        try {
            new CoreV1Api(client).createNamespacedEvent(NAMESPACE, event(node, status, instance,
                    OffsetDateTime.now(ZoneOffset.UTC))).execute();
            LOG.fine(() -> "event " + status + " recorded for edge node " + name);
        } catch (ApiException e) {
            LOG.info(() -> "event " + status + " for edge node " + name + " not written (HTTP " + e.getCode() + " "
                    + e.getResponseBody() + "); dropped");
        }
    }

    /** The Event as client-go's recorder makes it: name {@code <node>.<hex nanos>}, count 1, type Normal. */
    static CoreV1Event event(V1Node node, String status, String instance, OffsetDateTime at) {
        String name = node.getMetadata().getName();
        long nanos = at.toEpochSecond() * 1_000_000_000L + at.getNano();
        return new CoreV1Event()
                .metadata(new V1ObjectMeta().name(name + "." + Long.toHexString(nanos)).namespace(NAMESPACE))
                .involvedObject(new V1ObjectReference().apiVersion("v1").kind("Node").name(name)
                        .uid(node.getMetadata().getUid()))
                .reason(status)
                .message("Node " + name + " status is now: " + status)
                .type("Normal")
                .source(new V1EventSource().component(COMPONENT))
                .reportingComponent(COMPONENT)
                .reportingInstance(instance)
                .firstTimestamp(at)
                .lastTimestamp(at)
                .count(1);
    }
}

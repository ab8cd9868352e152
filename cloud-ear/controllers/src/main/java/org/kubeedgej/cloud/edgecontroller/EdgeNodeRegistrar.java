package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.kubeedgej.cloud.kubeapi.ConflictRetry;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * An edge node's own Node, as KubeEdge's kubelet asks for it: {@code insert} registers it (created, or one an operator
 * created is taken over by adding the edge's labels) and is answered with the Node ({@code ObjectResp}); {@code update}
 * merges the edge's labels and annotations and is answered "OK"; {@code query} (every status cycle) is answered from
 * the informer cache. A node may only speak for itself: anything else is answered Forbidden. API failures are
 * rethrown, so the upstream queue redelivers the message once the API server is back; a request the API server
 * refuses is answered with its Status.
 */
@ApplicationScoped
public class EdgeNodeRegistrar {

    private static final Logger LOG = Logger.getLogger(EdgeNodeRegistrar.class.getName());
    private static final int NOT_FOUND = 404;
    private static final Set<String> OPERATIONS = Set.of(Operations.INSERT, Operations.UPDATE, Operations.QUERY);

    @Inject
    ApiClient client;

    @Inject
    NodeLister nodes;

    @Inject
    EdgeReplies replies;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        String operation = event.message().route().operation();
        if (!event.is(ResourceTypes.NODE, operation) || !OPERATIONS.contains(operation)) {
            return;
        }
        event.take();
        ResourcePath path = event.objectPath().orElseThrow();
        if (EdgeRequests.refuseOtherNode(event, path, "node", false, replies, LOG)) {
            return;
        }
        try {
            switch (operation) {
                case Operations.INSERT -> {
                    V1Node node = register(EdgeRequests.decode(event, V1Node.class));
                    replies.object(event.nodeId(), event.message(), ObjectJson.of(node, "v1", "Node"),
                            node.getMetadata().getResourceVersion());
                }
                case Operations.UPDATE -> {
                    V1Node node = mergeMetadata(event.nodeId(), EdgeRequests.decode(event, V1Node.class));
                    replies.ok(event.nodeId(), event.message());
                    LOG.fine(() -> "labels and annotations of edge node " + node.getMetadata().getName() + " merged");
                }
                default -> query(event);
            }
        } catch (IllegalArgumentException e) {
            EdgeRequests.refuseMalformed(event, e, replies, LOG);
        } catch (ApiException e) {
            EdgeRequests.answerApiFailure(event, e, Operations.INSERT.equals(operation), operation + " edge node "
                    + event.nodeId(), replies, LOG);
        }
    }

    private void query(EdgeMessageEvent event) throws ApiException {
        Optional<V1Node> cached = nodes.find(event.nodeId());
        V1Node node = cached.isPresent() ? cached.get() : readOrNull(event.nodeId());
        if (node == null) {
            replies.error(event.nodeId(), event.message(), EdgeReplies.status(NOT_FOUND, "NotFound",
                    "nodes \"" + event.nodeId() + "\" not found"), false);
            return;
        }
        replies.plain(event.nodeId(), event.message(), ObjectJson.of(node, "v1", "Node"),
                node.getMetadata().getResourceVersion());
    }

    private V1Node readOrNull(String name) throws ApiException {
        try {
            return new CoreV1Api(client).readNode(name).execute();
        } catch (ApiException e) {
            if (e.getCode() == NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private V1Node register(V1Node reported) throws ApiException {
        CoreV1Api api = new CoreV1Api(client);
        String name = reported.getMetadata().getName();
        V1Node node = readOrNull(name);
        if (node != null) {
            node = mergeLabels(api, node, reported);
            LOG.info(() -> "edge node " + name + " took over its existing Node");
        } else {
            V1Node fresh = new V1Node().apiVersion("v1").kind("Node").metadata(reported.getMetadata())
                    .spec(reported.getSpec());
            fresh.getMetadata().setResourceVersion(null);
            fresh.getMetadata().setUid(null);
            fresh.getMetadata().setCreationTimestamp(null);
            node = api.createNode(fresh).execute();
            LOG.info(() -> "edge node " + name + " registered: Node created");
        }
        if (reported.getStatus() != null) {
            // Read again: the Node may have changed since it was created or taken over (a registration is rare).
            node = ConflictRetry.onConflict(() -> {
                V1Node current = api.readNode(name).execute();
                current.setStatus(reported.getStatus());
                return api.replaceNodeStatus(name, current).execute();
            });
        }
        return node;
    }

    private V1Node mergeMetadata(String name, V1Node reported) throws ApiException {
        CoreV1Api api = new CoreV1Api(client);
        V1Node node = api.readNode(name).execute();
        Map<String, String> annotations = new HashMap<>(Optional.ofNullable(node.getMetadata().getAnnotations())
                .orElse(Map.of()));
        Map<String, String> reportedAnnotations = reported.getMetadata().getAnnotations();
        boolean changed = reportedAnnotations != null && !annotations.entrySet().containsAll(
                reportedAnnotations.entrySet());
        if (changed) {
            annotations.putAll(reportedAnnotations);
            node.getMetadata().setAnnotations(annotations);
            node = api.replaceNode(name, node).execute();
        }
        return mergeLabels(api, node, reported);
    }

    /** Adds the labels the edge reports and the Node lacks; labels an operator set are kept. */
    private static V1Node mergeLabels(CoreV1Api api, V1Node node, V1Node reported) throws ApiException {
        Map<String, String> labels = new HashMap<>(Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of()));
        Map<String, String> edgeLabels = reported.getMetadata().getLabels();
        if (edgeLabels == null || labels.keySet().containsAll(edgeLabels.keySet())) {
            return node;
        }
        edgeLabels.forEach(labels::putIfAbsent);
        node.getMetadata().setLabels(labels);
        return api.replaceNode(node.getMetadata().getName(), node).execute();
    }
}

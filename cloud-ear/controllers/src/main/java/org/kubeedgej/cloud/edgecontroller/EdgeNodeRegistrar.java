package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Edge nodes register themselves and report status (KubeEdge's node insert and nodestatus update): the Node is
 * created, or one an operator created ({@code kubectl create -f node.json}) is taken over by adding the edge labels,
 * and its status is written. A node may only speak for itself. Failures are rethrown, so the upstream queue
 * redelivers the message once the API server is back.
 */
@ApplicationScoped
public class EdgeNodeRegistrar {

    private static final Logger LOG = Logger.getLogger(EdgeNodeRegistrar.class.getName());
    private static final int NOT_FOUND = 404;

    @Inject
    ApiClient client;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        boolean register = event.is(ResourceTypes.NODE, Operations.INSERT);
        boolean status = event.is(ResourceTypes.NODE_STATUS, Operations.UPDATE);
        if (!register && !status) {
            return;
        }
        ResourcePath path = event.objectPath().orElseThrow();
        String operation = event.message().route().operation();
        if (!event.nodeId().equals(path.name())) {
            LOG.warning(() -> "edge node " + event.nodeId() + " tried to " + operation + " node " + path.name()
                    + "; ignored: a node may only report itself");
            return;
        }
        try {
            String content = event.message().content().toString();
            if (register) {
                register(JSON.deserialize(content, V1Node.class));
            } else {
                writeStatus(event.nodeId(), JSON.deserialize(content, V1NodeStatus.class));
            }
        } catch (ApiException e) {
            throw new IllegalStateException("cannot " + (register ? "register" : "update the status of")
                    + " edge node " + event.nodeId() + ": HTTP " + e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    private void register(V1Node reported) throws ApiException {
        CoreV1Api api = new CoreV1Api(client);
        String name = reported.getMetadata().getName();
        V1Node node;
        try {
            node = api.readNode(name).execute();
            Map<String, String> labels = new HashMap<>(node.getMetadata().getLabels() == null
                    ? Map.of() : node.getMetadata().getLabels());
            Map<String, String> edgeLabels = reported.getMetadata().getLabels();
            if (edgeLabels != null && !labels.entrySet().containsAll(edgeLabels.entrySet())) {
                edgeLabels.forEach(labels::putIfAbsent);
                node.getMetadata().setLabels(labels);
                node = api.replaceNode(name, node).execute();
            }
            LOG.info(() -> "edge node " + name + " took over its existing Node");
        } catch (ApiException e) {
            if (e.getCode() != NOT_FOUND) {
                throw e;
            }
            V1Node fresh = new V1Node().apiVersion("v1").kind("Node").metadata(reported.getMetadata());
            fresh.getMetadata().setResourceVersion(null);
            node = api.createNode(fresh).execute();
            LOG.info(() -> "edge node " + name + " registered: Node created");
        }
        node.setStatus(reported.getStatus());
        api.replaceNodeStatus(name, node).execute();
    }

    private void writeStatus(String name, V1NodeStatus status) throws ApiException {
        CoreV1Api api = new CoreV1Api(client);
        try {
            V1Node node = api.readNode(name).execute();
            node.setStatus(status);
            api.replaceNodeStatus(name, node).execute();
        } catch (ApiException e) {
            if (e.getCode() != NOT_FOUND) {
                throw e;
            }
            LOG.warning(() -> "status from edge node " + name + " dropped: its Node does not exist; it registers"
                    + " again on its next connection");
        }
    }
}

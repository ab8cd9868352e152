package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.common.KubernetesObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.DownstreamQueue;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Answers an edge node's {@code query} of {@code <ns>/configmap/<name>} or {@code <ns>/secret/<name>} (KubeEdge's
 * MetaManager asks when it lacks one) from the informer cache: a {@code response} carrying the object, or an
 * {@code error} saying why not (not found, too large, or not referenced by any pod on that node: a node sees only
 * what its pods use, as under Kubernetes' node authorizer). The answer goes on the node's queue like everything
 * else for the node, so it survives a dropped connection.
 */
@ApplicationScoped
public class ConfigSourceQueryHandler {

    private static final Logger LOG = Logger.getLogger(ConfigSourceQueryHandler.class.getName());

    @Inject
    ConfigSourceReconciler configSources;

    @Inject
    DownstreamQueue queue;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        boolean configMap = event.is(ResourceTypes.CONFIGMAP, Operations.QUERY);
        if (!configMap && !event.is(ResourceTypes.SECRET, Operations.QUERY)) {
            return;
        }
        event.take();
        ResourcePath path = event.objectPath().orElseThrow();
        ConfigSourceRef ref = new ConfigSourceRef(path.type(), path.namespace(), path.name());
        String nodeId = event.nodeId();
        Optional<KubernetesObject> found = configSources.cached(ref);
        String refusal = refusal(nodeId, ref, found);
        String queryId = event.message().header().id();
        if (refusal != null) {
            // A unique key of its own: an error answer never replaces, nor is replaced by, an object's messages.
            queue.send(nodeId, "query:" + queryId, true, ConfigSourceMessages.error(event.message(), refusal));
            LOG.info(() -> "query of " + ref.describe() + " from edge node " + nodeId + " refused: " + refusal);
            return;
        }
        KubernetesObject object = found.orElseThrow();
        queue.send(nodeId, object.getMetadata().getUid(), false, ConfigSourceMessages.response(event.message(),
                object));
        LOG.info(() -> "query of " + ref.describe() + " from edge node " + nodeId + " answered (resourceVersion "
                + object.getMetadata().getResourceVersion() + ")");
    }

    private String refusal(String nodeId, ConfigSourceRef ref, Optional<KubernetesObject> found) {
        if (!configSources.isNeededBy(nodeId, ref)) {
            return "forbidden: no pod on edge node " + nodeId + " references " + ref.type() + " \"" + ref.name()
                    + "\" in namespace " + ref.namespace();
        }
        if (found.isEmpty()) {
            return ref.type() + " \"" + ref.name() + "\" not found";
        }
        return ConfigSourceLimits.problem(ref, found.get()).orElse(null);
    }
}

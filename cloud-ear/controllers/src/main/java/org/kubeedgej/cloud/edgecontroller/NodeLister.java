package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.openapi.models.V1Node;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Nodes from EdgeController's node informer, for answers an edge asks for often (KubeEdge's kubelet reads its Node
 * every status cycle, 10 s): served from the cache, never from the API server.
 */
@ApplicationScoped
public class NodeLister {

    static final String EDGE_LABEL = "node-role.kubernetes.io/edge";

    private volatile Indexer<V1Node> nodes;
    private volatile BooleanSupplier synced = () -> false;

    void use(Indexer<V1Node> nodeCache, BooleanSupplier hasSynced) {
        this.nodes = nodeCache;
        this.synced = hasSynced;
    }

    /** @return the edge nodes (label node-role.kubernetes.io/edge) the cache holds; empty before it syncs */
    public List<V1Node> edgeNodes() {
        Indexer<V1Node> cache = nodes;
        return cache == null ? List.of() : cache.list().stream().filter(n -> n.getMetadata().getLabels() != null
                && n.getMetadata().getLabels().containsKey(EDGE_LABEL)).toList();
    }

    /**
     * @param name a node's name
     * @return the node as the cache has it, when the cache has synced and holds it
     */
    public Optional<V1Node> find(String name) {
        Indexer<V1Node> cache = nodes;
        return cache == null ? Optional.empty() : Optional.ofNullable(cache.getByKey(name));
    }

    /**
     * @param name a node's name
     * @return whether the cache has synced and has no such node (false while it cannot tell)
     */
    public boolean knownMissing(String name) {
        Indexer<V1Node> cache = nodes;
        return cache != null && synced.getAsBoolean() && cache.getByKey(name) == null;
    }
}

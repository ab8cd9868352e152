package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.kubeedgej.cloud.leaderelection.LeadershipChanged;

/**
 * Watches pods and nodes through informers (the official client's list-watch caches) and hands every change to
 * {@link PodDownstreamReconciler}, which reads only these caches; ConfigMaps and Secrets are watched on the same
 * factory ({@link ConfigSourceInformers}). A pod change goes to {@link ConfigSourceReconciler} first, so what a pod
 * references is queued for its node before the pod. Informers retry on their own while the API server is away.
 * The same caches serve SyncController's reconcile ({@link EdgeLiveObjects}). The caches run on every replica; what
 * the reconcilers send only the leader sends, and a replica that starts leading goes over the caches once.
 */
@ApplicationScoped
public class EdgePodInformers {

    private static final Logger LOG = Logger.getLogger(EdgePodInformers.class.getName());

    @Inject
    ApiClient client;

    @Inject
    PodDownstreamReconciler reconciler;

    @Inject
    ConfigSourceReconciler configSources;

    @Inject
    ConfigSourceInformers configSourceInformers;

    @Inject
    EdgeLiveObjects liveObjects;

    @Inject
    NodeLister nodeLister;

    @Resource
    ManagedExecutorService executor;

    private SharedInformerFactory factory;
    private volatile Indexer<V1Pod> podCache;
    private volatile Indexer<V1Node> nodeCache;

    void start(@Observes Startup startup) {
        factory = new SharedInformerFactory(client, executor, false);
        SharedIndexInformer<V1Pod> pods = factory.sharedIndexInformerFor(
                new GenericKubernetesApi<>(V1Pod.class, V1PodList.class, "", "v1", "pods", client), V1Pod.class, 0);
        SharedIndexInformer<V1Node> nodes = factory.sharedIndexInformerFor(
                new GenericKubernetesApi<>(V1Node.class, V1NodeList.class, "", "v1", "nodes", client), V1Node.class,
                0);
        // The pods of one node, for an edge that asks after it reconnects (PodListQueryHandler).
        pods.addIndexers(Map.of(EdgeLiveObjects.BY_NODE, pod -> pod.getSpec() == null
                || pod.getSpec().getNodeName() == null ? List.of() : List.of(pod.getSpec().getNodeName())));
        reconciler.use(pods.getIndexer(), nodes.getIndexer());
        podCache = pods.getIndexer();
        nodeCache = nodes.getIndexer();
        nodeLister.use(nodes.getIndexer(), nodes::hasSynced);
        List<SharedIndexInformer<?>> all = new ArrayList<>(List.of(pods, nodes));
        all.addAll(configSourceInformers.register(factory, client, nodes.getIndexer()));
        List<SharedIndexInformer<?>> informers = List.copyOf(all);
        liveObjects.use(pods.getIndexer(), nodes.getIndexer(),
                () -> informers.stream().allMatch(SharedIndexInformer::hasSynced));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1Pod pod) {
                configSources.podChanged(pod);
                reconciler.reconcile(pod);
            }

            @Override
            public void onUpdate(V1Pod old, V1Pod pod) {
                configSources.podChanged(pod);
                reconciler.reconcile(pod);
            }

            @Override
            public void onDelete(V1Pod pod, boolean finalStateUnknown) {
                reconciler.deleted(pod);
                configSources.podDeleted(pod);
            }
        });
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1Node node) {
                configSources.nodeChanged(node);
                reconciler.nodeChanged(node);
            }

            @Override
            public void onUpdate(V1Node old, V1Node node) {
                configSources.nodeChanged(node);
                reconciler.nodeChanged(node);
            }

            @Override
            public void onDelete(V1Node node, boolean finalStateUnknown) {
                // Pods of a deleted node are deleted by Kubernetes; their deletes reach the node then.
            }
        });
        factory.startAllRegisteredInformers();
        LOG.info("EdgeController is watching pods, nodes, configmaps and secrets");
    }

    /** A replica that starts leading sends what its caches hold and the nodes lack (the reconcilers decide). */
    void onLeadership(@Observes LeadershipChanged change) {
        if (!change.leading()) {
            return;
        }
        executor.submit(() -> {
            reconciler.forget();
            configSources.forget();
            Indexer<V1Pod> pods = podCache;
            Indexer<V1Node> nodes = nodeCache;
            if (pods == null || nodes == null) {
                return; // the informers' first list does it
            }
            nodes.list().forEach(configSources::nodeChanged);
            for (V1Pod pod : pods.list()) {
                configSources.podChanged(pod);
                reconciler.reconcile(pod);
            }
            LOG.info(() -> "EdgeController went over " + pods.list().size() + " cached pods as the new leader");
        });
    }

    @PreDestroy
    void stop() {
        if (factory != null) {
            factory.stopAllRegisteredInformers();
        }
    }
}

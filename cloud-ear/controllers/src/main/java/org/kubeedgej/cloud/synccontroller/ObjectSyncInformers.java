package org.kubeedgej.cloud.synccontroller;

import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Watches ObjectSync and ClusterObjectSync records (reliablesyncs.kubeedge.io) through informers on dynamic
 * objects, as KubeEdge's SyncController and CloudHub keep listers of them: each reconcile pass and each "what does
 * this node have" question reads the cache, not the API server. One factory per informer, since a factory keys its
 * informers by class and both are {@link DynamicKubernetesObject}s. Informers retry on their own while the API
 * server or the CRDs are missing; until both have listed, {@link #hasSynced()} is false.
 */
@ApplicationScoped
public class ObjectSyncInformers {

    static final String NAMESPACED = "objectsyncs";
    static final String CLUSTER = "clusterobjectsyncs";

    @Inject
    ApiClient client;

    @Resource
    ManagedExecutorService executor;

    private SharedInformerFactory namespacedFactory;
    private SharedInformerFactory clusterFactory;
    private volatile SharedIndexInformer<DynamicKubernetesObject> namespaced;
    private volatile SharedIndexInformer<DynamicKubernetesObject> cluster;

    void start(@Observes Startup startup) {
        // Registers the dynamic-object type adapters with the client's JSON, which the informers then use.
        new DynamicKubernetesApi(ObjectSyncRecorder.GROUP, ObjectSyncRecorder.VERSION, NAMESPACED, client);
        namespacedFactory = new SharedInformerFactory(client, executor, false);
        clusterFactory = new SharedInformerFactory(client, executor, false);
        namespaced = namespacedFactory.sharedIndexInformerFor(api(NAMESPACED), DynamicKubernetesObject.class, 0);
        cluster = clusterFactory.sharedIndexInformerFor(api(CLUSTER), DynamicKubernetesObject.class, 0);
        namespacedFactory.startAllRegisteredInformers();
        clusterFactory.startAllRegisteredInformers();
    }

    /** @return whether both caches hold what the API server listed (before that, a missing record proves nothing) */
    public boolean hasSynced() {
        return namespaced != null && cluster != null && namespaced.hasSynced() && cluster.hasSynced();
    }

    /** @return every record in the caches, ObjectSyncs and ClusterObjectSyncs */
    public List<ObjectSyncRecord> list() {
        if (namespaced == null || cluster == null) {
            return List.of();
        }
        return Stream.concat(namespaced.getIndexer().list().stream(), cluster.getIndexer().list().stream())
                .map(o -> ObjectSyncRecord.fromJson(o.getRaw()))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * @param namespace the record's namespace, empty or null for a ClusterObjectSync
     * @param name the record's name, {@code <node>.<uid>}
     * @return the record, if the cache has it
     */
    public Optional<ObjectSyncRecord> get(String namespace, String name) {
        boolean clusterScoped = namespace == null || namespace.isEmpty();
        SharedIndexInformer<DynamicKubernetesObject> informer = clusterScoped ? cluster : namespaced;
        if (informer == null) {
            return Optional.empty();
        }
        DynamicKubernetesObject found = informer.getIndexer().getByKey(clusterScoped ? name : namespace + "/" + name);
        return found == null ? Optional.empty() : ObjectSyncRecord.fromJson(found.getRaw());
    }

    private GenericKubernetesApi<DynamicKubernetesObject, DynamicKubernetesListObject> api(String plural) {
        return new GenericKubernetesApi<>(DynamicKubernetesObject.class, DynamicKubernetesListObject.class,
                ObjectSyncRecorder.GROUP, ObjectSyncRecorder.VERSION, plural, client);
    }

    @PreDestroy
    void stop() {
        if (namespacedFactory != null) {
            namespacedFactory.stopAllRegisteredInformers();
            clusterFactory.stopAllRegisteredInformers();
        }
    }
}

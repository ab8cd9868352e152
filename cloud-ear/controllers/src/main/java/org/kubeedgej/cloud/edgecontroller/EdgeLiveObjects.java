package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.kubeedgej.cloud.messaging.DownstreamQueue;
import org.kubeedgej.cloud.synccontroller.LiveObjects;
import org.kubeedgej.cloud.synccontroller.ObjectSyncRecord;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * EdgeController's side of SyncController's reconcile: pods, ConfigMaps and Secrets and the nodes, read from the
 * informer caches; updates go through {@link PodDownstreamReconciler} and {@link ConfigSourceReconciler} (their
 * rules decide what is sent), deletes are the messages those reconcilers send for a deleted object, built from the
 * record, since the object itself is gone.
 */
@ApplicationScoped
public class EdgeLiveObjects implements LiveObjects {

    /** The pod cache's index by spec.nodeName. */
    static final String BY_NODE = "nodeName";

    private static final Map<String, String> TYPES = Map.of("Pod", ResourceTypes.POD, "ConfigMap",
            ResourceTypes.CONFIGMAP, "Secret", ResourceTypes.SECRET);

    @Inject
    PodDownstreamReconciler pods;

    @Inject
    ConfigSourceReconciler configSources;

    @Inject
    DownstreamQueue queue;

    private volatile Indexer<V1Pod> podCache;
    private volatile Indexer<V1Node> nodeCache;
    private volatile BooleanSupplier synced = () -> false;

    /**
     * @param podCache the pod informer's cache
     * @param nodeCache the node informer's cache
     * @param allSynced whether the pod, node, ConfigMap and Secret informers have all listed
     */
    void use(Indexer<V1Pod> podCache, Indexer<V1Node> nodeCache, BooleanSupplier allSynced) {
        this.podCache = podCache;
        this.nodeCache = nodeCache;
        this.synced = allSynced;
    }

    @Override
    public boolean hasSynced() {
        return synced.getAsBoolean();
    }

    /**
     * @param nodeId a node
     * @return the pods bound to it, as the cache holds them; empty until every informer has listed
     */
    public Optional<List<V1Pod>> podsOn(String nodeId) {
        Indexer<V1Pod> cache = podCache;
        if (cache == null || !hasSynced()) {
            return Optional.empty();
        }
        return Optional.of(cache.byIndex(BY_NODE, nodeId));
    }

    /**
     * @return the node the pod is bound to, as the cache holds it; empty when the pod is unknown or unbound, or
     *     every informer has not listed yet
     */
    public Optional<String> nodeOfPod(String namespace, String name) {
        Indexer<V1Pod> cache = podCache;
        if (cache == null || !hasSynced()) {
            return Optional.empty();
        }
        V1Pod pod = cache.getByKey(namespace + "/" + name);
        return pod == null || pod.getSpec() == null ? Optional.empty()
                : Optional.ofNullable(pod.getSpec().getNodeName()).filter(n -> !n.isEmpty());
    }

    @Override
    public boolean nodeExists(String nodeId) {
        return nodeCache != null && nodeCache.getByKey(nodeId) != null;
    }

    @Override
    public boolean handles(String kind) {
        return TYPES.containsKey(kind);
    }

    @Override
    public Optional<LiveObject> find(ObjectSyncRecord record) {
        if (isPod(record)) {
            return pod(record).map(p -> new LiveObject(uid(p), version(p),
                    p.getSpec() != null && record.nodeId().equals(p.getSpec().getNodeName())));
        }
        ConfigSourceRef ref = ref(record);
        return configSources.cached(ref).map(o -> new LiveObject(uid(o), version(o),
                configSources.isNeededBy(record.nodeId(), ref)));
    }

    @Override
    public void update(ObjectSyncRecord record) {
        if (isPod(record)) {
            pod(record).ifPresent(pods::reconcile);
        } else {
            configSources.reconcile(ref(record));
        }
    }

    @Override
    public void delete(ObjectSyncRecord record) {
        V1ObjectMeta metadata = new V1ObjectMeta().namespace(record.namespace()).name(record.objectName())
                .uid(record.uid()).resourceVersion(record.resourceVersion());
        String json = isPod(record)
                ? PodMessages.delete(record.nodeId(), new V1Pod().apiVersion("v1").kind("Pod").metadata(metadata))
                : ConfigSourceMessages.change(record.nodeId(), ref(record), Operations.DELETE,
                        ResourceTypes.CONFIGMAP.equals(ref(record).type()) ? new V1ConfigMap().metadata(metadata)
                                : new V1Secret().metadata(metadata));
        queue.send(record.nodeId(), record.uid(), true, json);
    }

    private static boolean isPod(ObjectSyncRecord record) {
        return "Pod".equals(record.objectKind());
    }

    private Optional<V1Pod> pod(ObjectSyncRecord record) {
        return podCache == null ? Optional.empty()
                : Optional.ofNullable(podCache.getByKey(record.namespace() + "/" + record.objectName()));
    }

    private static ConfigSourceRef ref(ObjectSyncRecord record) {
        return new ConfigSourceRef(TYPES.get(record.objectKind()), record.namespace(), record.objectName());
    }

    private static String uid(KubernetesObject object) {
        String uid = object.getMetadata().getUid();
        return uid == null ? "" : uid;
    }

    private static String version(KubernetesObject object) {
        String version = object.getMetadata().getResourceVersion();
        return version == null ? "" : version;
    }
}

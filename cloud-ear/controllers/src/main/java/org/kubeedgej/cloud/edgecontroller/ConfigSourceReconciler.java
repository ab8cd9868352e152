package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;
import org.kubeedgej.cloud.messaging.DownstreamQueue;
import org.kubeedgej.cloud.synccontroller.ObjectSyncLookup;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Keeps each edge node supplied with the ConfigMaps and Secrets its pods reference, and only those: insert when a
 * node first needs one, update when its resourceVersion grows, delete when it goes away. Level-based: every call
 * reads the informer caches (a missing object is a deleted one) and compares with what each node was sent, so it is
 * safe to run twice; after a CloudCore restart the nodes' ObjectSync records stop it from sending everything again.
 * Pod events come here before the pod itself is queued, so on a node's queue the ConfigMap comes first. Every
 * replica keeps the index (a node's query may come to any), only the leader of the controllers sends
 * ({@link ControllerLeadership}).
 */
@ApplicationScoped
public class ConfigSourceReconciler {

    private static final Logger LOG = Logger.getLogger(ConfigSourceReconciler.class.getName());
    private static final long RETRY_SECONDS = 5;

    @Inject
    DownstreamQueue queue;

    @Inject
    ObjectSyncLookup objectSyncs;

    @Inject
    ControllerLeadership leadership;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private record Delivery(String nodeId, ConfigSourceRef ref) {}

    /** What a node was last sent of an object. */
    private record Sent(String resourceVersion, boolean deleted) {}

    private final ConfigSourceIndex index = new ConfigSourceIndex();
    private final Map<Delivery, Sent> sent = new HashMap<>();
    /** The last version seen of each object some node needs: the content of a delete. */
    private final Map<ConfigSourceRef, KubernetesObject> lastKnown = new HashMap<>();
    private volatile Indexer<V1ConfigMap> configMaps;
    private volatile Indexer<V1Secret> secrets;
    private volatile Indexer<V1Node> nodes;

    void use(Indexer<V1ConfigMap> configMapCache, Indexer<V1Secret> secretCache, Indexer<V1Node> nodeCache) {
        this.configMaps = configMapCache;
        this.secrets = secretCache;
        this.nodes = nodeCache;
    }

    /** A pod was added or changed: what it references now, and what it no longer references, is reconciled. */
    void podChanged(V1Pod pod) {
        Set<ConfigSourceRef> affected = new HashSet<>(index.put(pod));
        affected.addAll(PodConfigReferences.of(pod));
        affected.forEach(this::reconcile);
    }

    void podDeleted(V1Pod pod) {
        index.remove(pod.getMetadata().getUid()).forEach(this::reconcile);
    }

    /** A node changed (it may just have become an edge node): everything its pods reference is reconciled. */
    void nodeChanged(V1Node node) {
        index.refsOn(node.getMetadata().getName()).forEach(this::reconcile);
    }

    /** @param ref a ConfigMap or Secret that was added, changed or deleted */
    void objectChanged(ConfigSourceRef ref) {
        reconcile(ref);
    }

    /**
     * @param ref a ConfigMap or Secret
     * @return it, from the informer cache
     */
    Optional<KubernetesObject> cached(ConfigSourceRef ref) {
        Indexer<? extends KubernetesObject> cache = ResourceTypes.CONFIGMAP.equals(ref.type()) ? configMaps : secrets;
        return cache == null ? Optional.empty() : Optional.ofNullable(cache.getByKey(ref.cacheKey()));
    }

    /** @return whether a pod on that node references the object (the rule for answering a node's query) */
    boolean isNeededBy(String nodeId, ConfigSourceRef ref) {
        return index.isNeeded(nodeId, ref);
    }

    /** A new term: what this replica sent before may have been superseded by another leader's sends. */
    synchronized void forget() {
        sent.clear();
        lastKnown.clear();
    }

    synchronized void reconcile(ConfigSourceRef ref) {
        if (!leadership.isLeader()) {
            return;
        }
        KubernetesObject current = cached(ref).orElse(null);
        Set<String> wanted = new HashSet<>(index.nodesFor(ref));
        wanted.removeIf(n -> !isEdgeNode(n));
        sent.keySet().removeIf(d -> d.ref().equals(ref) && !wanted.contains(d.nodeId()));
        if (wanted.isEmpty()) {
            lastKnown.remove(ref);
            return;
        }
        if (current != null) {
            lastKnown.put(ref, current);
        }
        String problem = current == null ? null : ConfigSourceLimits.problem(ref, current).orElse(null);
        for (String nodeId : wanted) {
            Delivery delivery = new Delivery(nodeId, ref);
            Sent previous = sent.get(delivery);
            if (current == null) {
                if (previous != null && !previous.deleted() && lastKnown.containsKey(ref)) {
                    send(delivery, Operations.DELETE, lastKnown.get(ref), new Sent(previous.resourceVersion(), true));
                }
            } else if (problem != null) {
                if (previous == null || !previous.resourceVersion().equals(version(current))) {
                    LOG.warning(() -> ref.describe() + " not sent to edge node " + nodeId + ": " + problem);
                    sent.put(delivery, new Sent(version(current), true));
                }
            } else if (needsSending(delivery, previous, current)) {
                String operation = previous == null || previous.deleted() ? Operations.INSERT : Operations.UPDATE;
                send(delivery, operation, current, new Sent(version(current), false));
            }
        }
    }

    private boolean needsSending(Delivery delivery, Sent previous, KubernetesObject current) {
        String version = version(current);
        if (previous == null) {
            String known = objectSyncs.resourceVersion(delivery.nodeId(), delivery.ref().namespace(),
                    current.getMetadata().getUid()).orElse(null);
            if (known != null && PodDownstreamReconciler.compare(known, version) >= 0) {
                sent.put(delivery, new Sent(known, false));
                return false;
            }
            return true;
        }
        return previous.deleted() || PodDownstreamReconciler.compare(previous.resourceVersion(), version) < 0;
    }

    private void send(Delivery delivery, String operation, KubernetesObject object, Sent record) {
        ConfigSourceRef ref = delivery.ref();
        String uid = object.getMetadata().getUid() != null ? object.getMetadata().getUid()
                : ref.type() + ":" + ref.cacheKey();
        try {
            queue.send(delivery.nodeId(), uid, Operations.DELETE.equals(operation),
                    ConfigSourceMessages.change(delivery.nodeId(), ref, operation, object));
            sent.put(delivery, record);
            LOG.info(() -> ref.describe() + " queued for edge node " + delivery.nodeId() + " (" + operation
                    + ", resourceVersion " + version(object) + ")");
        } catch (RuntimeException e) {
            LOG.warning(() -> "cannot queue " + operation + " of " + ref.describe() + " for edge node "
                    + delivery.nodeId() + " (" + e.getMessage() + "); trying again in " + RETRY_SECONDS + " s");
            scheduler.schedule(() -> reconcile(ref), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private boolean isEdgeNode(String nodeId) {
        V1Node node = nodes == null ? null : nodes.getByKey(nodeId);
        return node != null && node.getMetadata().getLabels() != null
                && node.getMetadata().getLabels().containsKey(PodDownstreamReconciler.EDGE_ROLE);
    }

    private static String version(KubernetesObject object) {
        String version = object.getMetadata().getResourceVersion();
        return version == null ? "" : version;
    }
}

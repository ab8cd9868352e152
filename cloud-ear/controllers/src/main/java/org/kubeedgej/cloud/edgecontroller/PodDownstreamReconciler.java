package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;
import org.kubeedgej.cloud.messaging.DownstreamQueue;
import org.kubeedgej.cloud.synccontroller.ObjectSyncLookup;
import org.kubeedgej.cloud.synccontroller.ResourceVersions;

/**
 * Sends each pod bound to an edge node to that node's queue: insert when first seen, update when its
 * resourceVersion grows, delete when it goes away or moves to another node. Pods on nodes without the edge role
 * are left alone. Safe to run twice: what a node already has (sent earlier, or recorded in its ObjectSync after a
 * restart) is not sent again. Only the replica that leads the controllers sends ({@link ControllerLeadership}):
 * the nodes' queues are on the shared broker, so one send reaches a node whichever replica holds its session; a new
 * leader forgets what it sent in an earlier term and goes over the pod cache ({@link #forget()}, then
 * {@link #reconcile}), where the ObjectSync records keep it from sending what the nodes already have.
 */
@ApplicationScoped
public class PodDownstreamReconciler {

    static final String EDGE_ROLE = "node-role.kubernetes.io/edge";
    private static final Logger LOG = Logger.getLogger(PodDownstreamReconciler.class.getName());
    private static final long RETRY_SECONDS = 5;

    @Inject
    DownstreamQueue queue;

    @Inject
    ObjectSyncLookup objectSyncs;

    @Inject
    ControllerLeadership leadership;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private record Sent(String nodeId, String resourceVersion, String fingerprint) {}

    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private volatile Indexer<V1Pod> pods;
    private volatile Indexer<V1Node> nodes;

    void use(Indexer<V1Pod> podCache, Indexer<V1Node> nodeCache) {
        this.pods = podCache;
        this.nodes = nodeCache;
    }

    /** A new term: what this replica sent before may have been superseded by another leader's sends. */
    void forget() {
        sent.clear();
    }

    synchronized void reconcile(V1Pod pod) {
        if (!leadership.isLeader()) {
            return;
        }
        String nodeId = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String uid = pod.getMetadata().getUid();
        String version = pod.getMetadata().getResourceVersion();
        Sent previous = sent.get(uid);
        if (previous != null && !previous.nodeId().equals(nodeId)) {
            send(previous.nodeId(), pod, PodMessages.delete(previous.nodeId(), pod), true);
            sent.remove(uid);
            previous = null;
        }
        if (nodeId == null || !isEdgeNode(nodeId)) {
            return;
        }
        if (previous == null) {
            String known = objectSyncs.resourceVersion(nodeId, pod.getMetadata().getNamespace(), uid).orElse(null);
            if (known != null && compare(known, version) >= 0) {
                sent.put(uid, new Sent(nodeId, known, fingerprint(pod)));
                return;
            }
        } else if (compare(previous.resourceVersion(), version) >= 0) {
            return;
        } else if (previous.fingerprint().equals(fingerprint(pod))) {
            // Only the status changed (most often: the status this node just reported); nothing to send back.
            sent.put(uid, new Sent(nodeId, version, previous.fingerprint()));
            return;
        }
        boolean first = previous == null;
        if (send(nodeId, pod, first ? PodMessages.insert(nodeId, copyWithDefaults(pod))
                : PodMessages.update(nodeId, copyWithDefaults(pod)), false)) {
            sent.put(uid, new Sent(nodeId, version, fingerprint(pod)));
        }
    }

    synchronized void deleted(V1Pod pod) {
        if (!leadership.isLeader()) {
            return; // the leader sends it; a leader that missed it has SyncController's reconcile
        }
        Sent previous = sent.remove(pod.getMetadata().getUid());
        String nodeId = previous != null ? previous.nodeId()
                : pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeId != null && isEdgeNode(nodeId)) {
            send(nodeId, pod, PodMessages.delete(nodeId, pod), true);
        }
    }

    void nodeChanged(V1Node node) {
        if (!leadership.isLeader() || !isEdge(node) || pods == null) {
            return;
        }
        String name = node.getMetadata().getName();
        pods.list().stream()
                .filter(p -> p.getSpec() != null && name.equals(p.getSpec().getNodeName()))
                .forEach(this::reconcile);
    }

    private boolean isEdgeNode(String nodeId) {
        V1Node node = nodes == null ? null : nodes.getByKey(nodeId);
        return node != null && isEdge(node);
    }

    private static boolean isEdge(V1Node node) {
        return node.getMetadata().getLabels() != null && node.getMetadata().getLabels().containsKey(EDGE_ROLE);
    }

    private boolean send(String nodeId, V1Pod pod, String json, boolean isDelete) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        try {
            queue.send(nodeId, pod.getMetadata().getUid(), isDelete, json);
            LOG.fine(() -> "pod " + key + " queued for edge node " + nodeId);
            return true;
        } catch (RuntimeException e) {
            LOG.warning(() -> "cannot queue pod " + key + " for edge node " + nodeId + " (" + e.getMessage()
                    + "); trying again in " + RETRY_SECONDS + " s");
            scheduler.schedule(() -> {
                V1Pod current = pods.getByKey(key);
                if (current != null) {
                    reconcile(current);
                }
            }, RETRY_SECONDS, TimeUnit.SECONDS);
            return false;
        }
    }

    /** What the edge acts on: the spec and the metadata an operator or a deletion changes. */
    private static String fingerprint(V1Pod pod) {
        return JSON.serialize(pod.getSpec()) + JSON.serialize(pod.getMetadata().getLabels())
                + JSON.serialize(pod.getMetadata().getAnnotations()) + pod.getMetadata().getDeletionTimestamp();
    }

    /** The informer's objects are shared: defaults go on a copy. */
    private static V1Pod copyWithDefaults(V1Pod pod) {
        return PodDefaults.apply(JSON.deserialize(JSON.serialize(pod), V1Pod.class));
    }

    /** @see ResourceVersions#compare(String, String) */
    static int compare(String a, String b) {
        return ResourceVersions.compare(a, b);
    }
}

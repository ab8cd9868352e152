package org.kubeedgej.cloud.synccontroller;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.PatchUtils;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.cloud.events.ObjectDeliveredEvent;
import org.kubeedgej.shared.coalescing.CoalescingQueue;
import org.kubeedgej.shared.tunnel.MessageRateLimiter;

/**
 * Writes what each edge node has acknowledged into ObjectSync/ClusterObjectSync objects, off the delivery path: an
 * acknowledgement only queues the record, and a few writers bring the newest resourceVersion of each node and
 * object to the API server, at most modules.syncController.writesPerSecond writes per second (a burst of updates
 * to one object costs one write, not one per update). A record is
 * created once, after that only its status is patched. When the edge acknowledges a delete, or SyncController finds
 * the record's node gone, the record is deleted the same way (queued, paced, in order with writes of that record)
 * and forgotten here. Safe to run twice: writing the same version again is skipped, creating a record that exists
 * and deleting one that does not are not errors.
 */
@ApplicationScoped
public class ObjectSyncRecorder {

    static final String GROUP = "reliablesyncs.kubeedge.io";
    static final String VERSION = "v1alpha1";
    private static final Logger LOG = Logger.getLogger(ObjectSyncRecorder.class.getName());
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    @Inject
    ApiClient client;

    @Inject
    @ConfigProperty(name = "modules.syncController.writers", defaultValue = "2")
    int writers;

    @Inject
    @ConfigProperty(name = "modules.syncController.writesPerSecond", defaultValue = "50")
    int writesPerSecond;

    @Resource
    ManagedThreadFactory threads;

    /** Keeps the records' share of the API server bounded, whatever the delivery rate (client-go's QPS idea). */
    private MessageRateLimiter pace;

    /** Records known to exist, with the resourceVersion last written to each. */
    private final Map<String, String> written = new ConcurrentHashMap<>();
    private CoalescingQueue<String, ObjectDeliveredEvent> queue;

    @PostConstruct
    void start() {
        pace = new MessageRateLimiter(writesPerSecond, writesPerSecond);
        queue = new CoalescingQueue<>("synccontroller-objectsync", threads, writers, (waiting, newer) -> newer,
                Duration.ofSeconds(1), (name, delivered) -> write(name, delivered));
    }

    void onDelivered(@Observes ObjectDeliveredEvent delivered) {
        queue.submit(recordName(delivered), delivered);
    }

    /**
     * Deletes a record whose node is gone (nothing will acknowledge a delete for it).
     *
     * @param record the record
     */
    public void delete(ObjectSyncRecord record) {
        queue.submit(record.name(), new ObjectDeliveredEvent(record.nodeId(), record.objectApiVersion(),
                record.objectKind(), record.namespace(), record.objectName(), record.uid(), "", true));
    }

    static String recordName(ObjectDeliveredEvent delivered) {
        return delivered.nodeId() + "." + delivered.uid();
    }

    private void write(String name, ObjectDeliveredEvent delivered) throws InterruptedException {
        if (delivered.deleted()) {
            remove(name, delivered);
            return;
        }
        if (delivered.resourceVersion().equals(written.get(name))) {
            return;
        }
        pace.acquire();
        CustomObjectsApi api = new CustomObjectsApi(client);
        try {
            if (!written.containsKey(name)) {
                create(api, delivered, name);
            }
            try {
                patchStatus(api, delivered, name);
            } catch (ApiException e) {
                if (e.getCode() != NOT_FOUND) {
                    throw e;
                }
                // Deleted behind our back (or by a restart of the API server): make it again.
                create(api, delivered, name);
                patchStatus(api, delivered, name);
            }
            written.put(name, delivered.resourceVersion());
            LOG.fine(() -> "edge node " + delivered.nodeId() + " has " + delivered.kind() + " " + delivered.name()
                    + " at resourceVersion " + delivered.resourceVersion());
        } catch (ApiException e) {
            written.remove(name);
            throw new IllegalStateException("cannot record that edge node " + delivered.nodeId() + " has "
                    + delivered.kind() + " " + delivered.name() + " (HTTP " + e.getCode() + " " + e.getResponseBody()
                    + "); check the API server and that crds/reliablesyncs.kubeedge.io_*.yaml are applied", e);
        }
    }

    private void remove(String name, ObjectDeliveredEvent d) throws InterruptedException {
        // Forgotten first: whatever happens below, a later write of this name must create the record again.
        written.remove(name);
        pace.acquire();
        CustomObjectsApi api = new CustomObjectsApi(client);
        try {
            if (d.namespace().isEmpty()) {
                api.deleteClusterCustomObject(GROUP, VERSION, ObjectSyncInformers.CLUSTER, name).execute();
            } else {
                api.deleteNamespacedCustomObject(GROUP, VERSION, d.namespace(), ObjectSyncInformers.NAMESPACED, name)
                        .execute();
            }
            LOG.fine(() -> "edge node " + d.nodeId() + " no longer has " + d.kind() + " " + d.name()
                    + "; ObjectSync " + name + " deleted");
        } catch (ApiException e) {
            if (e.getCode() != NOT_FOUND) {
                throw new IllegalStateException("cannot delete ObjectSync " + name + " of edge node " + d.nodeId()
                        + " (HTTP " + e.getCode() + " " + e.getResponseBody() + ")", e);
            }
        }
    }

    private void create(CustomObjectsApi api, ObjectDeliveredEvent d, String name) throws ApiException {
        boolean cluster = d.namespace().isEmpty();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (!cluster) {
            metadata.put("namespace", d.namespace());
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("apiVersion", GROUP + "/" + VERSION);
        record.put("kind", cluster ? "ClusterObjectSync" : "ObjectSync");
        record.put("metadata", metadata);
        record.put("spec", Map.of("objectAPIVersion", d.apiVersion(), "objectKind", d.kind(), "objectName", d.name()));
        try {
            if (cluster) {
                api.createClusterCustomObject(GROUP, VERSION, ObjectSyncInformers.CLUSTER, record).execute();
            } else {
                api.createNamespacedCustomObject(GROUP, VERSION, d.namespace(), ObjectSyncInformers.NAMESPACED, record)
                        .execute();
            }
        } catch (ApiException e) {
            if (e.getCode() != CONFLICT) {
                throw e;
            }
        }
    }

    /** A merge patch of the status subresource: one request, no read first, no conflict to retry. */
    private void patchStatus(CustomObjectsApi api, ObjectDeliveredEvent d, String name) throws ApiException {
        V1Patch patch = new V1Patch("{\"status\":{\"objectResourceVersion\":\"" + d.resourceVersion() + "\"}}");
        if (d.namespace().isEmpty()) {
            PatchUtils.patch(Object.class, () -> api.patchClusterCustomObjectStatus(GROUP, VERSION,
                    ObjectSyncInformers.CLUSTER, name, patch).buildCall(null), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
                    client);
        } else {
            PatchUtils.patch(Object.class, () -> api.patchNamespacedCustomObjectStatus(GROUP, VERSION, d.namespace(),
                    ObjectSyncInformers.NAMESPACED, name, patch).buildCall(null), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
                    client);
        }
    }

    @PreDestroy
    void stop() {
        int left = queue.stop();
        if (left > 0) {
            LOG.info(() -> left + " ObjectSync records were not written before CloudCore stopped; the edge nodes"
                    + " acknowledge those objects again on their next delivery");
        }
    }
}

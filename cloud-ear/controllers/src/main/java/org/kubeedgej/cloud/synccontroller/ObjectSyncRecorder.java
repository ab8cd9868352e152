package org.kubeedgej.cloud.synccontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.ObjectDeliveredEvent;

/**
 * Writes what each edge node has acknowledged into ObjectSync/ClusterObjectSync objects, off the delivery path
 * (asynchronous event). Safe to run twice: it creates the record or updates its status to the same value.
 */
@ApplicationScoped
public class ObjectSyncRecorder {

    static final String GROUP = "reliablesyncs.kubeedge.io";
    static final String VERSION = "v1alpha1";
    private static final Logger LOG = Logger.getLogger(ObjectSyncRecorder.class.getName());
    private static final int CONFLICT = 409;

    @Inject
    ApiClient client;

    void onDelivered(@ObservesAsync ObjectDeliveredEvent delivered) {
        boolean clusterScoped = delivered.namespace().isEmpty();
        String plural = clusterScoped ? "clusterobjectsyncs" : "objectsyncs";
        String name = delivered.nodeId() + "." + delivered.uid();
        CustomObjectsApi api = new CustomObjectsApi(client);
        Map<String, Object> record = record(delivered, clusterScoped, name);
        try {
            try {
                create(api, clusterScoped, delivered.namespace(), plural, record);
            } catch (ApiException e) {
                if (e.getCode() != CONFLICT) {
                    throw e;
                }
            }
            // The status subresource ignores status in a create or update of the main resource.
            replaceStatus(api, clusterScoped, delivered.namespace(), plural, name, current(api, clusterScoped,
                    delivered.namespace(), plural, name, delivered.resourceVersion()));
            LOG.fine(() -> "edge node " + delivered.nodeId() + " has " + delivered.kind() + " " + delivered.name()
                    + " at resourceVersion " + delivered.resourceVersion());
        } catch (ApiException e) {
            LOG.warning(() -> "cannot record that edge node " + delivered.nodeId() + " has " + delivered.kind() + " "
                    + delivered.name() + " (HTTP " + e.getCode() + " " + e.getResponseBody() + "); apply"
                    + " crds/reliablesyncs.kubeedge.io_*.yaml to the cluster");
        }
    }

    private static Map<String, Object> record(ObjectDeliveredEvent d, boolean clusterScoped, String name) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (!clusterScoped) {
            metadata.put("namespace", d.namespace());
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("apiVersion", GROUP + "/" + VERSION);
        record.put("kind", clusterScoped ? "ClusterObjectSync" : "ObjectSync");
        record.put("metadata", metadata);
        record.put("spec", Map.of("objectAPIVersion", d.apiVersion(), "objectKind", d.kind(), "objectName", d.name()));
        record.put("status", Map.of("objectResourceVersion", d.resourceVersion()));
        return record;
    }

    @SuppressWarnings("unchecked")
    private static Object current(CustomObjectsApi api, boolean cluster, String ns, String plural, String name,
            String resourceVersion) throws ApiException {
        Map<String, Object> existing = (Map<String, Object>) (cluster
                ? api.getClusterCustomObject(GROUP, VERSION, plural, name).execute()
                : api.getNamespacedCustomObject(GROUP, VERSION, ns, plural, name).execute());
        existing.put("status", Map.of("objectResourceVersion", resourceVersion));
        return existing;
    }

    private static void create(CustomObjectsApi api, boolean cluster, String ns, String plural, Object body)
            throws ApiException {
        if (cluster) {
            api.createClusterCustomObject(GROUP, VERSION, plural, body).execute();
        } else {
            api.createNamespacedCustomObject(GROUP, VERSION, ns, plural, body).execute();
        }
    }

    private static void replaceStatus(CustomObjectsApi api, boolean cluster, String ns, String plural, String name,
            Object body) throws ApiException {
        if (cluster) {
            api.replaceClusterCustomObjectStatus(GROUP, VERSION, plural, name, body).execute();
        } else {
            api.replaceNamespacedCustomObjectStatus(GROUP, VERSION, ns, plural, name, body).execute();
        }
    }
}

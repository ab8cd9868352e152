package org.kubeedgej.cloud.synccontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What an edge node last acknowledged of an object, from its ObjectSync / ClusterObjectSync record: read from
 * SyncController's cache once it has listed the records, from the API server before that (the first events after
 * a restart come before the cache is filled). A record written a moment ago may not be cached yet; then the
 * object is sent once more, which the edge takes as an update.
 */
@ApplicationScoped
public class ObjectSyncLookup {

    private static final Logger LOG = Logger.getLogger(ObjectSyncLookup.class.getName());

    @Inject
    ApiClient client;

    @Inject
    ObjectSyncInformers cache;

    /**
     * @param nodeId the node
     * @param namespace the object's namespace, empty or null for cluster-scoped objects
     * @param uid the object's UID
     * @return the resourceVersion the node has, if recorded
     */
    @SuppressWarnings("unchecked")
    public Optional<String> resourceVersion(String nodeId, String namespace, String uid) {
        String name = nodeId + "." + uid;
        if (cache != null && cache.hasSynced()) {
            return cache.get(namespace, name).map(ObjectSyncRecord::resourceVersion).filter(v -> !v.isEmpty());
        }
        CustomObjectsApi api = new CustomObjectsApi(client);
        try {
            Object record = namespace == null || namespace.isEmpty()
                    ? api.getClusterCustomObject(ObjectSyncRecorder.GROUP, ObjectSyncRecorder.VERSION,
                            ObjectSyncInformers.CLUSTER, name).execute()
                    : api.getNamespacedCustomObject(ObjectSyncRecorder.GROUP, ObjectSyncRecorder.VERSION, namespace,
                            ObjectSyncInformers.NAMESPACED, name).execute();
            Object status = ((Map<String, Object>) record).get("status");
            return status instanceof Map<?, ?> s && s.get("objectResourceVersion") != null
                    ? Optional.of(s.get("objectResourceVersion").toString()) : Optional.empty();
        } catch (ApiException e) {
            if (e.getCode() != 404) {
                LOG.fine(() -> "cannot read ObjectSync " + name + ": HTTP " + e.getCode());
            }
            return Optional.empty();
        }
    }
}

package org.kubeedgej.cloud.synccontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** What an edge node last acknowledged of an object, from its ObjectSync / ClusterObjectSync record. */
@ApplicationScoped
public class ObjectSyncLookup {

    private static final Logger LOG = Logger.getLogger(ObjectSyncLookup.class.getName());

    @Inject
    ApiClient client;

    /**
     * @param nodeId the node
     * @param namespace the object's namespace, empty or null for cluster-scoped objects
     * @param uid the object's UID
     * @return the resourceVersion the node has, if recorded
     */
    @SuppressWarnings("unchecked")
    public Optional<String> resourceVersion(String nodeId, String namespace, String uid) {
        CustomObjectsApi api = new CustomObjectsApi(client);
        String name = nodeId + "." + uid;
        try {
            Object record = namespace == null || namespace.isEmpty()
                    ? api.getClusterCustomObject(ObjectSyncRecorder.GROUP, ObjectSyncRecorder.VERSION,
                            "clusterobjectsyncs", name).execute()
                    : api.getNamespacedCustomObject(ObjectSyncRecorder.GROUP, ObjectSyncRecorder.VERSION, namespace,
                            "objectsyncs", name).execute();
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

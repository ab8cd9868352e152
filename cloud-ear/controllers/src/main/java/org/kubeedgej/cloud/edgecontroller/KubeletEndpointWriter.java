package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.util.PatchUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.StreamTunnelEvent;

/**
 * Points a Node's kubelet endpoint at CloudStream when its edge opens the stream tunnel (KubeEdge's
 * updateNodeKubeletEndpoint), so the API server's pods/log calls reach CloudCore. A Node that is not there yet (the
 * edge is still registering) is tried again, up to {@value #ATTEMPTS} times {@value #WAIT_MILLIS} ms apart.
 */
@ApplicationScoped
public class KubeletEndpointWriter {

    private static final Logger LOG = Logger.getLogger(KubeletEndpointWriter.class.getName());
    static final int ATTEMPTS = 10;
    static final long WAIT_MILLIS = 2000;

    @Inject
    ApiClient client;

    void onTunnel(@ObservesAsync StreamTunnelEvent event) throws InterruptedException {
        String patch = "{\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":" + event.streamPort() + "}}}}";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                PatchUtils.patch(V1Node.class, () -> new CoreV1Api(client).patchNodeStatus(event.nodeId(),
                        new V1Patch(patch)).buildCall(null), V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
                LOG.info(() -> "node " + event.nodeId() + ": kubelet endpoint set to CloudStream's port "
                        + event.streamPort());
                return;
            } catch (ApiException e) {
                int code = e.getCode();
                if (attempt == ATTEMPTS || (code != 404 && code != 409 && code < 500 && code != 0)) {
                    LOG.warning(() -> "node " + event.nodeId() + ": cannot set its kubelet endpoint to CloudStream's"
                            + " port (HTTP " + code + "): " + e.getMessage() + "; kubectl logs will not reach it");
                    return;
                }
            }
            Thread.sleep(WAIT_MILLIS);
        }
    }
}

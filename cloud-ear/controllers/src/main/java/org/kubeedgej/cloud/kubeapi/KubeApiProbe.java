package org.kubeedgej.cloud.kubeapi;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.VersionApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Asks the API server for {@code /version}. Readiness calls this, so a result is reused for a short
 * while: probes from the kubelet and from operators must not turn into API server load.
 */
@ApplicationScoped
public class KubeApiProbe {

    private static final Logger LOG = Logger.getLogger(KubeApiProbe.class.getName());
    private static final long CACHE_MILLIS = 1_000;

    @Inject
    ApiClient client;

    private volatile KubeApiStatus last;
    private volatile long lastAt;

    /** @return the API server's state, at most about a second old */
    public KubeApiStatus status() {
        long now = System.currentTimeMillis();
        KubeApiStatus cached = last;
        if (cached != null && now - lastAt < CACHE_MILLIS) {
            return cached;
        }
        KubeApiStatus fresh = probe();
        if (cached != null && cached.reachable() != fresh.reachable()) {
            LOG.warning(() -> "Kubernetes API server " + fresh.server()
                    + (fresh.reachable() ? " is reachable again" : " became unreachable: " + fresh.error()));
        }
        last = fresh;
        lastAt = now;
        return fresh;
    }

    private KubeApiStatus probe() {
        String server = client.getBasePath();
        try {
            String version = new VersionApi(client).getCode().execute().getGitVersion();
            return new KubeApiStatus(true, server, version, "");
        } catch (ApiException e) {
            String cause = e.getCode() == 0 ? String.valueOf(e.getCause()) : "HTTP " + e.getCode();
            return new KubeApiStatus(false, server, "", "cannot reach the Kubernetes API server at " + server
                    + " (" + cause + "); check kubeAPIConfig.kubeConfig / KUBECONFIG, or start the"
                    + " development API server with bin/kubeedge-j up");
        }
    }
}

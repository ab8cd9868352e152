package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.kubeedgej.cloud.edgecontroller.EdgeLiveObjects;

/**
 * From a pod to a new connection over its node's tunnel, for the kubelet requests CloudStream forwards (logs, exec,
 * attach): the node comes from the pod informer's cache, as KubeEdge's CloudStream reads it from the pod. What the
 * cloud can tell (no such pod, no tunnel, too many open) is answered here with a status and a reason.
 */
@ApplicationScoped
public class PodTunnelRoutes {

    @Inject
    StreamTunnels tunnels;

    @Inject
    EdgeLiveObjects cluster;

    @Inject
    CloudStreamConfig config;

    /** An open connection to the edge that runs the pod; the caller closes it through the tunnel. */
    record Route(String node, TunnelSession tunnel, StreamConnection connection) {
    }

    /** @return the route, or empty when the response has been answered with why there is none */
    Optional<Route> open(String namespace, String pod, HttpServletResponse response) throws IOException {
        String key = namespace + "/" + pod;
        Optional<String> node = cluster.nodeOfPod(namespace, pod);
        if (node.isEmpty()) {
            response.sendError(cluster.hasSynced() ? HttpServletResponse.SC_NOT_FOUND
                    : HttpServletResponse.SC_SERVICE_UNAVAILABLE, cluster.hasSynced() ? "pod " + key
                    + " is not bound to any node CloudCore knows" : "CloudCore's pod cache has not listed yet");
            return Optional.empty();
        }
        Optional<TunnelSession> tunnel = tunnels.of(node.get());
        if (tunnel.isEmpty()) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "edge node " + node.get() + " of pod " + key
                    + " has no stream tunnel open: it is offline, or its EdgeStream is off"
                    + " (modules.edgeStream.enable)");
            return Optional.empty();
        }
        Optional<StreamConnection> opened = tunnel.get().open(config.maxConnectionsPerNode());
        if (opened.isEmpty()) {
            response.setHeader("Retry-After", "5");
            response.sendError(429, "edge node " + node.get() + " has " + config.maxConnectionsPerNode()
                    + " stream connections open (modules.cloudStream.maxConnectionsPerNode)");
            return Optional.empty();
        }
        return Optional.of(new Route(node.get(), tunnel.get(), opened.get()));
    }
}

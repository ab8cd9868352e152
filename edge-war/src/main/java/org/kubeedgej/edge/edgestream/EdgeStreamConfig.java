package org.kubeedgej.edge.edgestream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.EdgeHubClient;

/** KubeEdge's modules.edgeStream: on by default here, so kubectl logs works with nothing to configure. */
@ApplicationScoped
public class EdgeStreamConfig {

    /** KubeEdge's ports: CloudHub 10000, the tunnel 10004; the tunnel is found at the same offset from CloudHub. */
    static final int TUNNEL_OFFSET = 4;

    @Inject
    @ConfigProperty(name = "modules.edgeStream.enable", defaultValue = "true")
    boolean enabled;

    /**
     * host:port of CloudStream's tunnel. By default: the CloudHub address EdgeHub is on now, its port plus 4
     * (KubeEdge's 10000 and 10004), so with several CloudCore replicas the tunnel follows EdgeHub's failover (it is
     * read at each connect), also to a replica on the same host with ports of its own ({@code up --ha}: 10010 and
     * 10014). Behind a NodePort or a load balancer with other numbers, set it.
     */
    @Inject
    @ConfigProperty(name = "modules.edgeStream.tunnelServer")
    Optional<String> tunnelServer;

    @Inject
    EdgeHubClient hub;

    public boolean enabled() {
        return enabled;
    }

    public String tunnelServer() {
        return tunnelServer.filter(s -> !s.isBlank()).orElseGet(() -> besideCloudHub(hub.server()));
    }

    /** @return the tunnel address beside a CloudHub address (host:port, IPv6 hosts in brackets) */
    static String besideCloudHub(String cloudHub) {
        int colon = cloudHub.lastIndexOf(':');
        if (colon < 0 || cloudHub.endsWith("]")) {
            return cloudHub + ":" + (10000 + TUNNEL_OFFSET);
        }
        try {
            int hubPort = Integer.parseInt(cloudHub.substring(colon + 1));
            return cloudHub.substring(0, colon) + ":" + (hubPort + TUNNEL_OFFSET);
        } catch (NumberFormatException notAPort) {
            return cloudHub.substring(0, colon) + ":" + (10000 + TUNNEL_OFFSET);
        }
    }
}

package org.kubeedgej.edge.edgestream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.EdgeHubClient;

/** KubeEdge's modules.edgeStream: on by default here, so kubectl logs works with nothing to configure. */
@ApplicationScoped
public class EdgeStreamConfig {

    static final int DEFAULT_TUNNEL_PORT = 10004;

    @Inject
    @ConfigProperty(name = "modules.edgeStream.enable", defaultValue = "true")
    boolean enabled;

    /**
     * host:port of CloudStream's tunnel; by default the host of the CloudHub EdgeHub is on now and port 10004, so
     * with several CloudCore replicas the tunnel follows EdgeHub's failover (it is read at each connect).
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
        return tunnelServer.filter(s -> !s.isBlank()).orElseGet(() -> {
            String server = hub.server();
            int colon = server.lastIndexOf(':');
            return (colon < 0 ? server : server.substring(0, colon)) + ":" + DEFAULT_TUNNEL_PORT;
        });
    }
}

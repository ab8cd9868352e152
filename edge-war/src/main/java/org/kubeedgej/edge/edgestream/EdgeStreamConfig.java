package org.kubeedgej.edge.edgestream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.EdgeHubConfig;

/** KubeEdge's modules.edgeStream: on by default here, so kubectl logs works with nothing to configure. */
@ApplicationScoped
public class EdgeStreamConfig {

    static final int DEFAULT_TUNNEL_PORT = 10004;

    @Inject
    @ConfigProperty(name = "modules.edgeStream.enable", defaultValue = "true")
    boolean enabled;

    /** host:port of CloudStream's tunnel; by default CloudHub's host and port 10004. */
    @Inject
    @ConfigProperty(name = "modules.edgeStream.tunnelServer")
    Optional<String> tunnelServer;

    @Inject
    EdgeHubConfig hub;

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

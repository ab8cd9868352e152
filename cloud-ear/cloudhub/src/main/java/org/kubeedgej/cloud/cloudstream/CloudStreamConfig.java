package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** CloudStream's ports (server.xml's streamEndpoint and tunnelEndpoint read the same variables) and limits. */
@ApplicationScoped
public class CloudStreamConfig {

    /** Where the API server calls, as it would call a kubelet (KubeEdge's cloudStream.streamPort). */
    @Inject
    @ConfigProperty(name = "CLOUDSTREAM_PORT", defaultValue = "10003")
    int streamPort;

    /** Where edges keep their tunnel (KubeEdge's cloudStream.tunnelPort). */
    @Inject
    @ConfigProperty(name = "CLOUDSTREAM_TUNNEL_PORT", defaultValue = "10004")
    int tunnelPort;

    /** Open log connections per node; each holds a server thread while it streams. */
    @Inject
    @ConfigProperty(name = "modules.cloudStream.maxConnectionsPerNode", defaultValue = "16")
    int maxConnectionsPerNode;

    /** How long the edge has to answer a request before the API server gets a 504. */
    @Inject
    @ConfigProperty(name = "modules.cloudStream.edgeAnswerSeconds", defaultValue = "10")
    int edgeAnswerSeconds;

    /**
     * The client certificate common names that may use the stream port: the API server's kubelet client
     * (kubeadm's apiserver-kubelet-client). Edge node certificates are signed by the same CA and are refused.
     */
    @Inject
    @ConfigProperty(name = "modules.cloudStream.apiServerClientNames",
            defaultValue = "kube-apiserver-kubelet-client,kube-apiserver")
    Set<String> apiServerClientNames;

    public int streamPort() {
        return streamPort;
    }

    public int tunnelPort() {
        return tunnelPort;
    }

    public int maxConnectionsPerNode() {
        return maxConnectionsPerNode;
    }

    public int edgeAnswerSeconds() {
        return edgeAnswerSeconds;
    }

    public Set<String> apiServerClientNames() {
        return apiServerClientNames;
    }
}

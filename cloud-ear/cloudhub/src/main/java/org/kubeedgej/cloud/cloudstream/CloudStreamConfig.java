package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CloudStream's ports and limits. The tunnel port and the backend port are Liberty endpoints (server.xml reads the same
 * variables); the stream port is opened by {@link StreamPortListener}.
 */
@ApplicationScoped
public class CloudStreamConfig {

    /** Where the API server calls, as it would call a kubelet (KubeEdge's cloudStream.streamPort). */
    @Inject
    @ConfigProperty(name = "CLOUDSTREAM_PORT", defaultValue = "10003")
    int streamPort;

    /** The address the stream port binds (KubeEdge's cloudStream address); 0.0.0.0 when a real API server calls. */
    @Inject
    @ConfigProperty(name = "CLOUDSTREAM_HOST", defaultValue = "127.0.0.1")
    String streamHost;

    /** Liberty's plain endpoint on loopback behind the stream port (server.xml's streamBackendEndpoint). */
    @Inject
    @ConfigProperty(name = "CLOUDSTREAM_BACKEND_PORT", defaultValue = "10005")
    int backendPort;

    /** API server connections the stream port holds at once; each open one holds two threads. */
    @Inject
    @ConfigProperty(name = "modules.cloudStream.maxApiServerConnections", defaultValue = "256")
    int maxApiServerConnections;

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

    public String streamHost() {
        return streamHost;
    }

    public int backendPort() {
        return backendPort;
    }

    public int maxApiServerConnections() {
        return maxApiServerConnections;
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

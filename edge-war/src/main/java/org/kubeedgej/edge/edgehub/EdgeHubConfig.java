package org.kubeedgej.edge.edgehub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** EdgeHub's settings, named as in KubeEdge's edgecore.yaml ({@code modules.edgeHub.*}). */
@ApplicationScoped
public class EdgeHubConfig {

    @Inject
    @ConfigProperty(name = "modules.edgeHub.enable", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.websocket.server", defaultValue = "127.0.0.1:10000")
    String server;

    /**
     * Several CloudHub addresses (CloudCore replicas), tried in turn when a connection is lost: a YAML list under
     * {@code modules.edgeHub.websocket.servers}, or comma-separated. Set, it replaces {@code server}.
     */
    @Inject
    @ConfigProperty(name = "modules.edgeHub.websocket.servers")
    Optional<List<String>> servers;

    /**
     * With several servers: start at the one the node name hashes to, so edges spread over CloudCore replicas (true),
     * or at the first (false, for a list written in order of preference).
     */
    @Inject
    @ConfigProperty(name = "modules.edgeHub.websocket.spreadOverServers", defaultValue = "true")
    boolean spreadOverServers;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.projectID", defaultValue = "e632aba927ea4ac2b575ec1603d56f10")
    String projectId;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.heartbeat", defaultValue = "15")
    int heartbeatSeconds;

    /** PKCS12 store with this node's key and certificate (certs/certgen.sh edge DIR NODE makes edge-NODE.p12). */
    @Inject
    @ConfigProperty(name = "modules.edgeHub.tlsKeyStore")
    Optional<String> keyStore;

    /** PKCS12 store with the project CA (truststore.p12). */
    @Inject
    @ConfigProperty(name = "modules.edgeHub.tlsTrustStore")
    Optional<String> trustStore;

    /** KubeEdge's PEM files (edgecore.yaml), used when no PKCS12 key store is set: the CA, the node's certificate and key. */
    @Inject
    @ConfigProperty(name = "modules.edgeHub.tlsCaFile", defaultValue = "/etc/kubeedge/ca/rootCA.crt")
    String caFile;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.tlsCertFile", defaultValue = "/etc/kubeedge/certs/server.crt")
    String certFile;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.tlsPrivateKeyFile", defaultValue = "/etc/kubeedge/certs/server.key")
    String privateKeyFile;

    /**
     * CloudCore's certificate service (KubeEdge's {@code https://<cloudcore>:10002}), where EdgeCore renews its
     * certificate; bin/kubeedge-j join writes it. Unset, the certificate is never rotated.
     */
    @Inject
    @ConfigProperty(name = "modules.edgeHub.httpServer")
    Optional<String> httpServer;

    /** KubeEdge's switch for certificate rotation (70-90 % into the certificate's life, with the PEM files only). */
    @Inject
    @ConfigProperty(name = "modules.edgeHub.rotateCertificates", defaultValue = "true")
    boolean rotateCertificates;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.tlsStorePassword", defaultValue = "kubeedge-j")
    String storePassword;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.outboundBufferSize", defaultValue = "10000")
    int outboundBufferSize;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.reconnectMaxSeconds", defaultValue = "30")
    int reconnectMaxSeconds;

    /**
     * The pace EdgeHub keeps to, which must not exceed CloudHub's per-node limit (modules.cloudHub.nodeMessageQPS
     * and nodeMessageBurst, KubeEdge's 30 and 60): CloudHub drops what goes beyond it. The burst stays below
     * CloudHub's so network jitter, which bunches messages on arrival, cannot push a node over.
     */
    @Inject
    @ConfigProperty(name = "modules.edgeHub.messageQPS", defaultValue = "30")
    int messageQps;

    @Inject
    @ConfigProperty(name = "modules.edgeHub.messageBurst", defaultValue = "45")
    int messageBurst;

    public int messageQps() {
        return messageQps;
    }

    public int messageBurst() {
        return messageBurst;
    }

    public boolean enabled() {
        return enabled;
    }

    /** @return the first CloudHub address (where EdgeStream's tunnel server is derived from, when not set) */
    public String server() {
        return servers().get(0);
    }

    /** @return every CloudHub address to fail over between, in order; the single {@code server} when no list is set */
    public List<String> servers() {
        List<String> listed = servers == null ? List.of() : servers.orElse(List.of()).stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        return listed.isEmpty() ? List.of(server) : listed;
    }

    public boolean spreadOverServers() {
        return spreadOverServers;
    }

    public String projectId() {
        return projectId;
    }

    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    public Optional<String> keyStore() {
        return keyStore.filter(s -> !s.isBlank());
    }

    public String caFile() {
        return caFile;
    }

    public String certFile() {
        return certFile;
    }

    public String privateKeyFile() {
        return privateKeyFile;
    }

    public Optional<String> trustStore() {
        return trustStore.filter(s -> !s.isBlank());
    }

    public Optional<String> httpServer() {
        return httpServer.filter(s -> !s.isBlank());
    }

    public boolean rotateCertificates() {
        return rotateCertificates;
    }

    public char[] storePassword() {
        return storePassword.toCharArray();
    }

    public int outboundBufferSize() {
        return outboundBufferSize;
    }

    public int reconnectMaxSeconds() {
        return reconnectMaxSeconds;
    }
}

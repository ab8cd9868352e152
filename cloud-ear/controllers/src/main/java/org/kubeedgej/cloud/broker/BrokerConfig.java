package org.kubeedgej.cloud.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Broker settings under {@code modules.cloudHub.broker.*}. Environment variables override them
 * (MODULES_CLOUDHUB_BROKER_PORT, ...). server.xml reads the same names as variables for the resource adapter's
 * connection, so one setting moves both the embedded broker and the adapter.
 */
@ApplicationScoped
public class BrokerConfig {

    /** The embedded broker's in-VM acceptor; one CloudCore per JVM, so id 0 is unique. */
    static final String IN_VM_URL = "vm://0";

    @Inject
    @ConfigProperty(name = "modules.cloudHub.broker.embedded", defaultValue = "true")
    boolean embedded;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.broker.host", defaultValue = "127.0.0.1")
    String host;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.broker.port", defaultValue = "61616")
    int port;

    /**
     * An external replicated pair's backup (the standalone broker, docs/ha.md): 0 means no backup. Set, clients
     * fail over to it (Artemis {@code ha=true}) when the primary at host:port dies.
     */
    @Inject
    @ConfigProperty(name = "modules.cloudHub.broker.backupPort", defaultValue = "0")
    int backupPort;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.broker.backupHost", defaultValue = "127.0.0.1")
    String backupHost;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.broker.dataDir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.broker.journalSync", defaultValue = "false")
    boolean journalSync;

    /**
     * Whether the embedded broker forces each non-transactional send and acknowledgement to disk (fsync) before
     * it goes on. Off by default: every write still reaches the operating system before delivery, so a CloudCore
     * restart or crash loses nothing; only a machine crash can lose the last moments, and those objects are sent
     * again from the API server (informer resync, ObjectSync records). On, each operation waits for the disk, which
     * on our machines put seconds of latency on downstream delivery under load.
     *
     * @return whether to fsync every operation
     */
    public boolean journalSync() {
        return journalSync;
    }

    /** @return whether CloudCore runs its own broker (else an external one is expected at host:port) */
    public boolean embedded() {
        return embedded;
    }

    /** @return the host the embedded broker binds to, or the external broker's host */
    public String host() {
        return host;
    }

    /** @return the CORE protocol port */
    public int port() {
        return port;
    }

    /**
     * Where clients in this JVM that share the broker's class loader (CloudHub's node queues) connect: the in-VM
     * acceptor of the embedded broker, else the external broker's TCP URL. The resource adapter has its own class
     * loader and always uses TCP.
     *
     * @return a CORE URL
     */
    public String inProcessUrl() {
        return embedded ? IN_VM_URL : url();
    }

    /** @return the broker as a CORE URL, for logs and health data; both brokers of a replicated pair */
    public String url() {
        return replicated() ? "(tcp://" + host + ":" + port + ",tcp://" + backupHost + ":" + backupPort + ")"
                : "tcp://" + host + ":" + port;
    }

    /** @return whether CloudCore uses an external primary/backup pair (a backup port is set, no embedded broker) */
    public boolean replicated() {
        return !embedded && backupPort > 0;
    }

    /**
     * @return CORE URL parameters, ending in {@code &}, that make a client follow the pair's topology and fail over
     *     to the backup; empty for a single broker
     */
    public String failoverParameters() {
        return replicated() ? "ha=true&" : "";
    }

    /**
     * Where the embedded broker keeps its journal. Unset means {@code <server output dir>/artemis}; Liberty
     * runs the server with the output directory as working directory, which is the last fallback.
     *
     * @return the data directory
     */
    public Path dataDir() {
        Optional<String> configured = dataDir.filter(s -> !s.isBlank() && !s.contains("${"));
        if (configured.isPresent()) {
            return Path.of(configured.get());
        }
        String outputDir = Optional.ofNullable(System.getProperty("server.output.dir"))
                .or(() -> Optional.ofNullable(System.getProperty("wlp.server.output.dir")))
                .or(() -> Optional.ofNullable(System.getenv("WLP_OUTPUT_DIR"))
                        .map(d -> Path.of(d, System.getProperty("wlp.server.name", "cloudcore")).toString()))
                .orElse(System.getProperty("user.dir"));
        return Path.of(outputDir, "artemis");
    }
}

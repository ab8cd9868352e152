package org.kubeedgej.edge.eventbus;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;

/**
 * EdgeCore's internal MQTT broker (mqttMode 0 and 1): Apache ActiveMQ Artemis with one MQTT acceptor, sized for a
 * small edge machine. Retained messages and persistent sessions are kept in a journal across restarts.
 */
@ApplicationScoped
public class EmbeddedMqttBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedMqttBroker.class.getName());
    private static final String ACCEPTOR = "mqtt";
    private static final int JOURNAL_FILE_BYTES = 1024 * 1024;
    /** Messages held in memory across all addresses before Artemis pages to disk; bounds the broker's heap. */
    private static final long GLOBAL_MAX_BYTES = 8L * 1024 * 1024;
    /** Artemis's audit loggers write a line per connection at INFO; held here so the levels stick. */
    private static final Logger[] AUDIT_LOGGERS = {
            Logger.getLogger("org.apache.activemq.audit.base"),
            Logger.getLogger("org.apache.activemq.audit.message"),
            Logger.getLogger("org.apache.activemq.audit.resource")};

    @Inject
    EventBusConfig config;

    private volatile EmbeddedActiveMQ broker;
    private final MqttClientIdGuard clientIds = new MqttClientIdGuard();

    /**
     * Keeps a client id of EventBus's own from being taken over by another client while EventBus holds it.
     *
     * @param clientId the id
     * @param connected whether EventBus's client with that id is connected
     */
    public void protectClientId(String clientId, java.util.function.BooleanSupplier connected) {
        clientIds.protect(clientId, connected);
    }

    /** Starts the broker if the mode asks for one and it does not run yet. */
    public synchronized void start() {
        if (!config.embedded() || broker != null) {
            return;
        }
        for (Logger audit : AUDIT_LOGGERS) {
            audit.setLevel(Level.WARNING);
        }
        String url = config.internalServer();
        Path dataDir = config.dataDir();
        EmbeddedActiveMQ starting = new EmbeddedActiveMQ();
        try {
            Files.createDirectories(dataDir);
            starting.setConfiguration(configuration(URI.create(url), dataDir));
            starting.start();
            starting.getActiveMQServer().getRemotingService().addIncomingInterceptor(new MqttTopicGuard());
            starting.getActiveMQServer().getRemotingService().addIncomingInterceptor(clientIds);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "EventBus cannot start its MQTT broker at " + url + " (data in " + dataDir + "): "
                    + e + "; make the directory writable (modules.eventBus.dataDir) or use an external broker"
                    + " (modules.eventBus.mqttMode=2)", e);
            stopQuietly(starting);
            return;
        }
        if (!acceptorStarted(starting)) {
            LOG.severe(() -> "EventBus's MQTT broker could not listen on " + url + " (port in use?); broker stopped."
                    + " Stop the other broker, or set modules.eventBus.mqttServerInternal to a free port, or use"
                    + " that broker as the external one (modules.eventBus.mqttMode=2)");
            stopQuietly(starting);
            return;
        }
        broker = starting;
        LOG.info(() -> "EventBus MQTT broker (Artemis) listening at " + url + ", journal in " + dataDir);
    }

    static Configuration configuration(URI url, Path dataDir) throws Exception {
        return new ConfigurationImpl()
                .setName("edgecore-eventbus")
                .setPersistenceEnabled(true)
                // Devices on the node's loopback, as with KubeEdge's brokers; credentials are for external ones.
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalFileSize(JOURNAL_FILE_BYTES)
                .setJournalMinFiles(2)
                .setJournalPoolFiles(4)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("largemessages").toString())
                .setGlobalMaxSize(GLOBAL_MAX_BYTES)
                .setJMXManagementEnabled(false)
                // A small machine serving a few local MQTT clients: few threads (each idle one still holds its
                // stack). Paging runs only past global-max-size, so one paging thread is enough.
                .setThreadPoolMaxSize(2)
                .setScheduledThreadPoolMaxSize(1)
                .setPageMaxConcurrentIO(1)
                .setCriticalAnalyzer(false)
                .addAcceptorConfiguration(ACCEPTOR, "tcp://" + url.getHost() + ":" + url.getPort()
                        + "?protocols=MQTT;remotingThreads=1");
    }

    /** Stops the broker; retained messages and sessions stay in the journal. */
    @PreDestroy
    public synchronized void stop() {
        EmbeddedActiveMQ running = broker;
        broker = null;
        if (running == null) {
            return;
        }
        try {
            running.stop();
            LOG.info(() -> "EventBus MQTT broker at " + config.internalServer() + " stopped");
        } catch (Exception e) {
            LOG.log(Level.WARNING, "EventBus MQTT broker did not stop cleanly; its journal is replayed next start", e);
        }
    }

    /** @return whether the internal broker runs and listens */
    public boolean isActive() {
        EmbeddedActiveMQ running = broker;
        return running != null && running.getActiveMQServer().isActive() && acceptorStarted(running);
    }

    private static boolean acceptorStarted(EmbeddedActiveMQ embedded) {
        ActiveMQServer server = embedded.getActiveMQServer();
        if (server == null || server.getRemotingService() == null) {
            return false;
        }
        Acceptor acceptor = server.getRemotingService().getAcceptor(ACCEPTOR);
        return acceptor != null && acceptor.isStarted();
    }

    private static void stopQuietly(EmbeddedActiveMQ embedded) {
        try {
            embedded.stop();
        } catch (Exception e) {
            LOG.log(Level.FINE, "stopping a broker that did not start", e);
        }
    }
}

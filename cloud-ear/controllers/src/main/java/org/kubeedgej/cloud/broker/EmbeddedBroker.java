package org.kubeedgej.cloud.broker;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;

/**
 * CloudCore's own Artemis broker: started once by {@link BrokerStartup}, stopped when the application stops.
 * In external mode ({@code modules.cloudHub.broker.embedded=false}) it starts nothing.
 *
 * <p>A CDI bean rather than the EJB itself: Liberty destroys {@code @ApplicationScoped} beans reliably at
 * application stop, which is where the journal must be closed.
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());
    private static final String ACCEPTOR = "core";
    /**
     * Artemis's audit loggers write a line per connection, session and consumer at INFO; with security off on
     * loopback they say nothing useful and drown CloudCore's own log. Held here so the levels stick.
     */
    private static final Logger[] AUDIT_LOGGERS = {
            Logger.getLogger("org.apache.activemq.audit.base"),
            Logger.getLogger("org.apache.activemq.audit.message"),
            Logger.getLogger("org.apache.activemq.audit.resource")};

    @Inject
    BrokerConfig config;

    @Inject
    Event<BrokerStopping> stopping;

    // Written under the lock, read without it: readiness must not wait behind a slow start.
    private volatile EmbeddedActiveMQ broker;

    /** Starts the broker unless it runs already or the broker is external. */
    public synchronized void start() {
        if (!config.embedded()) {
            LOG.info(() -> "embedded broker disabled (modules.cloudHub.broker.embedded=false); using the external"
                    + " Artemis broker at " + config.url());
            return;
        }
        if (broker != null) {
            return;
        }
        for (Logger audit : AUDIT_LOGGERS) {
            audit.setLevel(Level.WARNING);
        }
        Path dataDir = config.dataDir();
        EmbeddedActiveMQ starting = new EmbeddedActiveMQ();
        try {
            Files.createDirectories(dataDir);
            starting.setConfiguration(BrokerConfigurationFactory.create(config.host(), config.port(), dataDir,
                    config.journalSync()));
            starting.start();
        } catch (Exception e) {
            // Not thrown on: CloudCore still serves health, and readiness reports the broker DOWN.
            LOG.log(Level.SEVERE, "cannot start the embedded Artemis broker at " + config.url() + " (data in "
                    + dataDir + "): " + e + "; make the directory writable (modules.cloudHub.broker.dataDir) or"
                    + " set modules.cloudHub.broker.embedded=false to use an external broker", e);
            stopQuietly(starting);
            return;
        }
        // Artemis logs a failed bind and carries on without a listener; then the adapter would reach whatever
        // else holds the port. Refuse to run half-started.
        if (!acceptorStarted(starting)) {
            LOG.severe(() -> "embedded Artemis broker could not listen on " + config.url() + " (port in use?);"
                    + " broker stopped. Set another port with MODULES_CLOUDHUB_BROKER_PORT (server.xml and the"
                    + " broker both read it) or stop the process holding it");
            stopQuietly(starting);
            return;
        }
        broker = starting;
        LOG.info(() -> "embedded Artemis broker started at " + config.url() + " with its journal in " + dataDir);
    }

    /** Stops the broker (idempotent): persistent messages stay in the journal for the next start. */
    @PreDestroy
    public synchronized void stop() {
        EmbeddedActiveMQ running = broker;
        broker = null;
        if (running == null) {
            return;
        }
        try {
            stopping.fire(new BrokerStopping(config.url()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a client of the embedded broker failed to close before it stops", e);
        }
        try {
            running.stop();
            LOG.info(() -> "embedded Artemis broker at " + config.url() + " stopped");
        } catch (Exception e) {
            LOG.log(Level.WARNING, "embedded Artemis broker did not stop cleanly; its journal is replayed on the"
                    + " next start", e);
        }
    }

    /**
     * @param queueName which queues count
     * @return the messages waiting on them, or -1 when this CloudCore runs no broker (an external one is in use)
     */
    public long messageCount(java.util.function.Predicate<String> queueName) {
        EmbeddedActiveMQ running = broker;
        ActiveMQServer server = running == null ? null : running.getActiveMQServer();
        if (server == null || !server.isActive() || server.getPostOffice() == null) {
            return -1;
        }
        return server.getPostOffice().getAllBindings()
                .filter(b -> b instanceof org.apache.activemq.artemis.core.postoffice.QueueBinding)
                .map(b -> ((org.apache.activemq.artemis.core.postoffice.QueueBinding) b).getQueue())
                .filter(q -> queueName.test(q.getName().toString()))
                .mapToLong(org.apache.activemq.artemis.core.server.Queue::getMessageCount).sum();
    }

    /** @return whether this bean runs a broker that is active and listening */
    public boolean isActive() {
        EmbeddedActiveMQ running = broker;
        if (running == null) {
            return false;
        }
        ActiveMQServer server = running.getActiveMQServer();
        return server != null && server.isActive() && acceptorStarted(running);
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

package org.kubeedgej.cloud.broker;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.logging.Logger;

/**
 * Tells readiness whether the broker can take messages: the embedded broker's own state, or for an external
 * broker whether a JMS connection can be opened. Results are reused for a second so probes do not turn into
 * broker connections.
 */
@ApplicationScoped
public class BrokerProbe {

    private static final Logger LOG = Logger.getLogger(BrokerProbe.class.getName());
    private static final long CACHE_MILLIS = 1_000;

    @Inject
    BrokerConfig config;

    @Inject
    EmbeddedBroker embedded;

    @Resource(lookup = "jms/kubeedge")
    ConnectionFactory connectionFactory;

    private volatile BrokerStatus last;
    private volatile long lastAt;

    /** @return the broker's state, at most about a second old */
    public BrokerStatus status() {
        long now = System.currentTimeMillis();
        BrokerStatus cached = last;
        if (cached != null && now - lastAt < CACHE_MILLIS) {
            return cached;
        }
        BrokerStatus fresh = config.embedded() ? embeddedStatus() : externalStatus();
        if (cached != null && cached.up() != fresh.up()) {
            LOG.warning(() -> "JMS broker " + fresh.url() + (fresh.up() ? " is usable again" : " became unusable: "
                    + fresh.error()));
        }
        last = fresh;
        lastAt = now;
        return fresh;
    }

    private BrokerStatus embeddedStatus() {
        boolean active = embedded.isActive();
        return new BrokerStatus("embedded", config.url(), active, active ? ""
                : "the embedded Artemis broker is not running; see the SEVERE message from EmbeddedBroker in"
                        + " messages.log (port in use or data directory not writable)");
    }

    private BrokerStatus externalStatus() {
        try (Connection connection = connectionFactory.createConnection()) {
            return new BrokerStatus("external", config.url(), true, "");
        } catch (JMSException | RuntimeException e) {
            return new BrokerStatus("external", config.url(), false, "cannot connect to the external Artemis broker"
                    + " at " + config.url() + " (" + e.getMessage() + "); check that it runs and that"
                    + " MODULES_CLOUDHUB_BROKER_HOST / MODULES_CLOUDHUB_BROKER_PORT point at its CORE acceptor");
        }
    }
}

package org.kubeedgej.cloud.broker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Starts the embedded broker when the EAR starts (an EJB startup singleton: the container runs it before the
 * module counts as started) and stops it with the module, whichever of this and the CDI bean's own
 * {@code @PreDestroy} comes first.
 *
 * <p>Ordering with the resource adapter: the adapter may try to connect first. The activation spec retries
 * (setupAttempts=-1 in server.xml) and connections reconnect, so consumers attach within a setup interval of
 * the broker coming up.
 */
@Singleton
@Startup
public class BrokerStartup {

    @Inject
    EmbeddedBroker broker;

    @PostConstruct
    void start() {
        broker.start();
    }

    @PreDestroy
    void stop() {
        broker.stop();
    }
}

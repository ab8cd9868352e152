package org.kubeedgej.edge.eventbus;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/** Starts EventBus with EdgeCore: the internal broker first (modes 0 and 1), then the clients. */
@ApplicationScoped
public class EventBusStartup {

    private static final Logger LOG = Logger.getLogger(EventBusStartup.class.getName());

    @Inject
    EventBusConfig config;

    @Inject
    EmbeddedMqttBroker broker;

    @Inject
    PahoEventBus clients;

    private volatile String problem = "";

    void onStart(@Observes @Priority(10) Startup event) {
        if (!config.enabled()) {
            LOG.info("EventBus is disabled (modules.eventBus.enable=false); no MQTT for devices on this node");
            return;
        }
        Optional<String> invalid = config.problem();
        if (invalid.isPresent()) {
            problem = invalid.get();
            LOG.severe(() -> "EventBus not started: " + problem);
            return;
        }
        broker.start();
        clients.start();
        LOG.info(() -> "EventBus started in mqttMode " + config.mode() + " with brokers " + config.brokerUrls());
    }

    /** @return why EventBus could not start, empty when it started or is disabled */
    public String problem() {
        return problem;
    }
}

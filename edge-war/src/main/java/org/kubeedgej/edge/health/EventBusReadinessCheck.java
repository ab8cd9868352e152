package org.kubeedgej.edge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.kubeedgej.edge.eventbus.EmbeddedMqttBroker;
import org.kubeedgej.edge.eventbus.EventBusConfig;
import org.kubeedgej.edge.eventbus.EventBusStartup;
import org.kubeedgej.edge.eventbus.PahoEventBus;

/**
 * Whether devices can talk to this node: the internal MQTT broker listens (modes 0 and 1) and EventBus's own
 * clients are connected to every broker of the mode. With EventBus disabled there is nothing to wait for.
 */
@Readiness
@ApplicationScoped
public class EventBusReadinessCheck implements HealthCheck {

    private static final String NAME = "eventbus";

    @Inject
    EventBusConfig config;

    @Inject
    EventBusStartup startup;

    @Inject
    EmbeddedMqttBroker broker;

    @Inject
    PahoEventBus clients;

    @Override
    public HealthCheckResponse call() {
        if (!config.enabled()) {
            return HealthCheckResponse.named(NAME).up().withData("eventBus", "disabled").build();
        }
        String problem = startup.problem();
        boolean brokerUp = !config.embedded() || broker.isActive();
        boolean clientsUp = clients.isConnected();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(problem.isEmpty() && brokerUp && clientsUp)
                .withData("mqttMode", config.mode())
                .withData("brokers", String.join(",", config.brokerUrls()))
                .withData("internalBroker", config.embedded() ? (brokerUp ? "listening" : "down") : "none")
                .withData("clientsConnected", clientsUp);
        if (!problem.isEmpty()) {
            response.withData("error", problem);
        }
        return response.build();
    }
}

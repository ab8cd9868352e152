package org.kubeedgej.cloud.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.kubeedgej.cloud.broker.BrokerProbe;
import org.kubeedgej.cloud.broker.BrokerStatus;

/** CloudCore is not ready while its JMS broker cannot take messages: nothing reaches the nodes or the controllers. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    static final String NAME = "jms-broker";

    @Inject
    BrokerProbe probe;

    @Override
    public HealthCheckResponse call() {
        BrokerStatus status = probe.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(status.up())
                .withData("mode", status.mode())
                .withData("url", status.url());
        return status.up() ? response.build() : response.withData("error", status.error()).build();
    }
}

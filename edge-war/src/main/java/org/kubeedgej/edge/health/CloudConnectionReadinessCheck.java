package org.kubeedgej.edge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kubeedgej.edge.edgehub.EdgeHubClient;

/**
 * Whether EdgeHub has a session with CloudHub, and if not, why. With EdgeHub disabled (an edge run offline on
 * purpose) there is nothing to wait for, so the check is UP and says so.
 */
@Readiness
@ApplicationScoped
public class CloudConnectionReadinessCheck implements HealthCheck {

    @Inject
    EdgeHubClient edgeHub;

    @Override
    public HealthCheckResponse call() {
        if (!edgeHub.isEnabled()) {
            return HealthCheckResponse.named("cloud-connection").up().withData("edgeHub", "disabled").build();
        }
        boolean connected = edgeHub.isConnected();
        return HealthCheckResponse.named("cloud-connection")
                .status(connected)
                .withData("server", edgeHub.server())
                .withData("buffered", edgeHub.buffered())
                .withData("error", connected ? "" : edgeHub.lastError())
                .build();
    }
}

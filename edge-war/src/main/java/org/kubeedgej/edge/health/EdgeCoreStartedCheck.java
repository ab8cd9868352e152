package org.kubeedgej.edge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.kubeedgej.edge.edgecore.EdgeCoreStartup;

/** UP once EdgeCore's start-up has run. */
@Startup
@ApplicationScoped
public class EdgeCoreStartedCheck implements HealthCheck {

    @Inject
    EdgeCoreStartup startup;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("edgecore-started")
                .status(startup.isStarted())
                .withData("node", startup.nodeName())
                .build();
    }
}

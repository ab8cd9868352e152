package org.kubeedgej.cloud.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.kubeedgej.cloud.cloudcore.CloudCoreStartup;

/** UP once CloudCore's start-up bean has run, so a startup probe holds off liveness until then. */
@Startup
@ApplicationScoped
public class CloudCoreStartedCheck implements HealthCheck {

    @Inject
    CloudCoreStartup startup;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cloudcore-started").status(startup.isStarted()).build();
    }
}

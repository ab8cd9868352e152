package org.kubeedgej.cloud.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;

/**
 * Which replica leads the controllers, as readiness data. Always UP: a replica that does not lead still serves its
 * edges' sessions and their status writes, so it must stay behind the Service.
 */
@Readiness
@ApplicationScoped
public class ControllerLeaderCheck implements HealthCheck {

    static final String NAME = "controller-leader";

    @Inject
    ControllerLeadership leadership;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).up()
                .withData("replica", leadership.replicaId())
                .withData("leader", leadership.isLeader())
                .withData("holder", leadership.holder())
                .build();
    }
}

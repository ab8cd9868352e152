package org.kubeedgej.cloud.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kubeedgej.cloud.cloudhub.NodeSessions;

/** CloudHub's state: how many edge nodes are connected, against the node limit. */
@Readiness
@ApplicationScoped
public class CloudHubReadinessCheck implements HealthCheck {

    @Inject
    NodeSessions sessions;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cloudhub")
                .up()
                .withData("connectedNodes", sessions.connectedCount())
                .withData("nodeLimit", sessions.nodeLimit())
                .build();
    }
}

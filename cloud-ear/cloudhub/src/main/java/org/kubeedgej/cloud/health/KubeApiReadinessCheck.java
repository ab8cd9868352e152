package org.kubeedgej.cloud.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.kubeedgej.cloud.kubeapi.KubeApiProbe;
import org.kubeedgej.cloud.kubeapi.KubeApiStatus;

/** CloudCore is not ready while the Kubernetes API server does not answer: controllers cannot sync. */
@Readiness
@ApplicationScoped
public class KubeApiReadinessCheck implements HealthCheck {

    static final String NAME = "kube-api-server";

    @Inject
    KubeApiProbe probe;

    @Override
    public HealthCheckResponse call() {
        KubeApiStatus status = probe.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(status.reachable())
                .withData("server", status.server());
        return status.reachable()
                ? response.withData("version", status.gitVersion()).build()
                : response.withData("error", status.error()).build();
    }
}

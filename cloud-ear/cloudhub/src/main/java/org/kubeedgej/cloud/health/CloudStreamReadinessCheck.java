package org.kubeedgej.cloud.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.kubeedgej.cloud.cloudstream.StreamPortListener;
import org.kubeedgej.cloud.cloudstream.StreamTunnels;

/**
 * CloudStream: whether the stream port listens (the API server's way to logs, exec and top), and what is open. Always
 * UP, as CloudHub's own TLS ports are not part of readiness either: a CloudCore without its certificates still serves
 * the cluster side; the data says why the port is closed.
 */
@Readiness
@ApplicationScoped
public class CloudStreamReadinessCheck implements HealthCheck {

    @Inject
    StreamPortListener streamPort;

    @Inject
    StreamTunnels tunnels;

    @Override
    public HealthCheckResponse call() {
        String problem = streamPort.problem();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("cloudstream").up()
                .withData("streamPortListening", problem == null)
                .withData("tunnels", tunnels.count())
                .withData("apiServerConnections", streamPort.openConnections());
        return problem == null ? builder.build() : builder.withData("error", problem).build();
    }
}

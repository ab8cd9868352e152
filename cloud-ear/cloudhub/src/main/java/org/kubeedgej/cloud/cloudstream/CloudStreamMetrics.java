package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/** CloudStream at /metrics: open tunnels, and API server requests streaming over them now. */
@ApplicationScoped
public class CloudStreamMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    StreamTunnels tunnels;

    void register(@Observes Startup startup) {
        registry.gauge(Metadata.builder().withName("kubeedge.cloudstream.tunnels")
                .withDescription("edge nodes with a stream tunnel open (kubectl logs and top reach them)")
                .withUnit(MetricUnits.NONE).build(), tunnels, StreamTunnels::count);
        registry.gauge(Metadata.builder().withName("kubeedge.cloudstream.connections")
                .withDescription("API server requests (logs, metrics) open over the tunnels now")
                .withUnit(MetricUnits.NONE).build(), tunnels, StreamTunnels::openConnections);
    }
}

package org.kubeedgej.cloud.leaderelection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * At /metrics: {@code kubeedge_cloudcore_leader} is 1 on the replica that leads the controllers, 0 on the others
 * (summed over replicas it must be 1), and how often this replica started leading.
 */
@ApplicationScoped
public class LeadershipMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    ControllerLeadership leadership;

    void register(@Observes Startup startup) {
        registry.gauge(Metadata.builder().withName("kubeedge.cloudcore.leader")
                .withDescription("1 while this CloudCore replica leads the controllers (Lease held), else 0")
                .withUnit(MetricUnits.NONE).build(), leadership, l -> l.isLeader() ? 1 : 0);
        registry.gauge(Metadata.builder().withName("kubeedge.cloudcore.leader.transitions")
                .withDescription("how often this replica started leading the controllers since it started")
                .withUnit(MetricUnits.NONE).build(), leadership, ControllerLeadership::transitions);
    }
}

package org.kubeedgej.edge.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * EdgeCore is alive unless its (deliberately small) heap is nearly exhausted; a restart then restores the
 * edge from its database rather than leaving pods unmanaged.
 */
@Liveness
@ApplicationScoped
public class EdgeCoreLivenessCheck implements HealthCheck {

    private static final double MAX_HEAP_USED = 0.97;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        return HealthCheckResponse.named("edgecore-heap")
                .status((double) heap.getUsed() / max < MAX_HEAP_USED)
                .withData("heapUsedBytes", heap.getUsed())
                .withData("heapMaxBytes", max)
                .build();
    }
}

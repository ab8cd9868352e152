package org.kubeedgej.cloud.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * CloudCore is alive unless its heap is nearly exhausted: then a restart serves the edge nodes better
 * than a server stuck in garbage collection.
 */
@Liveness
@ApplicationScoped
public class CloudCoreLivenessCheck implements HealthCheck {

    private static final double MAX_HEAP_USED = 0.95;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double used = (double) heap.getUsed() / max;
        return HealthCheckResponse.named("cloudcore-heap")
                .status(used < MAX_HEAP_USED)
                .withData("heapUsedBytes", heap.getUsed())
                .withData("heapMaxBytes", max)
                .build();
    }
}

package org.kubeedgej.cloud.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.kubeedgej.shared.health.HeapUsage;

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
        HeapUsage heap = HeapUsage.now();
        return HealthCheckResponse.named("cloudcore-heap")
                .status(heap.below(MAX_HEAP_USED))
                .withData("heapUsedBytes", heap.usedBytes())
                .withData("heapMaxBytes", heap.maxBytes())
                .build();
    }
}

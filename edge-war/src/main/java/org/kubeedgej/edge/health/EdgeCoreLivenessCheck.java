package org.kubeedgej.edge.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.kubeedgej.shared.health.HeapUsage;

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
        HeapUsage heap = HeapUsage.now();
        return HealthCheckResponse.named("edgecore-heap")
                .status(heap.below(MAX_HEAP_USED))
                .withData("heapUsedBytes", heap.usedBytes())
                .withData("heapMaxBytes", heap.maxBytes())
                .build();
    }
}

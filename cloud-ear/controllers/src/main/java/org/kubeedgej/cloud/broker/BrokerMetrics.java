package org.kubeedgej.cloud.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * What waits in the embedded broker, at /metrics: messages queued for edge nodes (all nodes' queues together: one
 * series per node would grow with the fleet; the broker's own management API has per-queue figures), the upstream
 * queue, and the dead letter queue. -1 when the broker is external (read its figures there).
 */
@ApplicationScoped
public class BrokerMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    EmbeddedBroker broker;

    void register(@Observes Startup startup) {
        gauge("kubeedge.broker.node.queue.messages", "messages waiting on the edge nodes' queues (kubeedge.node.*)",
                name -> name.startsWith(QueueNames.NODE_QUEUE_PREFIX));
        gauge("kubeedge.broker.upstream.queue.messages", "edge messages waiting for the controllers",
                QueueNames.UPSTREAM::equals);
        gauge("kubeedge.broker.dead.letter.messages", "messages that failed delivery and were set aside (DLQ)",
                BrokerConfigurationFactory.DEAD_LETTER_QUEUE::equals);
    }

    private void gauge(String name, String description, java.util.function.Predicate<String> queues) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE)
                .build(), broker, b -> b.messageCount(queues));
    }
}

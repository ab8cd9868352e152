package org.kubeedgej.edge.edgecore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.kubeedgej.edge.edged.EventRecorder;
import org.kubeedgej.edge.edged.PodManager;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.edge.metaserver.MetaServerEndpoint;

/**
 * EdgeCore's own metrics at /metrics (MicroProfile Metrics, Prometheus text): whether EdgeHub is connected, what
 * waits in its buffer for the cloud, the pods edged runs, the Kubernetes Events it sent or throttled and
 * MetaServer's open watches. Gauges read the modules' state when scraped; nothing is counted on the hot paths.
 */
@ApplicationScoped
public class EdgeCoreMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    PodManager pods;

    @Inject
    MetaServerEndpoint metaServer;

    @Inject
    EventRecorder events;

    void register(@Observes Startup startup) {
        gauge("kubeedge.edgehub.connected", "1 while EdgeHub has a session with CloudHub, else 0", edgeHub,
                hub -> hub.isConnected() ? 1 : 0);
        gauge("kubeedge.edgehub.buffered.messages", "messages waiting in EdgeHub's buffer for the cloud", edgeHub,
                EdgeHubClient::buffered);
        gauge("kubeedge.edged.pods", "pods edged runs (or is deleting)", pods, PodManager::podCount);
        // Counts since start, read when scraped (gauges, as the recorder keeps them as plain counters).
        gauge("kubeedge.edged.events.created", "Kubernetes Events edged sent as new Events since start", events,
                EventRecorder::created);
        gauge("kubeedge.edged.events.patched", "repeats edged sent as count updates of their Event since start",
                events, EventRecorder::patched);
        gauge("kubeedge.edged.events.throttled", "Events dropped by the per-object spam filter since start", events,
                EventRecorder::throttled);
        gauge("kubeedge.metaserver.watches", "MetaServer watches open now", metaServer,
                MetaServerEndpoint::openWatches);
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE)
                .build(), source, value::applyAsDouble);
    }
}

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
 * EdgeCore's own metrics at /metrics (MicroProfile Metrics, Prometheus text): whether EdgeHub and EdgeStream are
 * connected, what waits in EdgeHub's buffer for the cloud, the pods edged runs, the Kubernetes Events it sent or
 * throttled, MetaServer's watches and requests, EventBus's messages, DeviceTwin's requests and their latency, and the
 * edge database's size. Gauges read the modules' state when scraped; the hot paths only bump counters.
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

    @Inject
    org.kubeedgej.edge.eventbus.EventBusRouter eventBus;

    @Inject
    org.kubeedgej.edge.devicetwin.DeviceRequestHandler deviceTwin;

    @Inject
    org.kubeedgej.edge.metamanager.EdgeDatabaseSize database;

    @Inject
    org.kubeedgej.edge.edgestream.EdgeStreamClient edgeStream;

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
        gauge("kubeedge.metaserver.requests", "requests MetaServer served since start", metaServer,
                MetaServerEndpoint::requests);
        gauge("kubeedge.eventbus.messages", "MQTT messages EventBus routed to DeviceTwin or the cloud since start",
                eventBus, org.kubeedgej.edge.eventbus.EventBusRouter::routed);
        gauge("kubeedge.devicetwin.requests", "device requests (twin/update, twin/get, state/update, membership/get)"
                + " DeviceTwin answered since start", deviceTwin, d -> d.latency().count());
        gauge("kubeedge.devicetwin.request.seconds.total", "their time from EventBus's receipt to the answer, summed:"
                + " the rate of this over the rate of requests is the mean latency", deviceTwin,
                d -> d.latency().totalSeconds());
        gauge("kubeedge.devicetwin.request.seconds.max", "the longest such time since the previous scrape",
                deviceTwin, d -> d.latency().maxSecondsSinceLastRead());
        gauge("kubeedge.edge.database.bytes", "the edge database's size on disk (read every 30 s)", database,
                org.kubeedgej.edge.metamanager.EdgeDatabaseSize::bytes);
        gauge("kubeedge.edgestream.connected", "1 while the stream tunnel to CloudStream is open, else 0",
                edgeStream, s -> s.connected() ? 1 : 0);
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE)
                .build(), source, value::applyAsDouble);
    }
}

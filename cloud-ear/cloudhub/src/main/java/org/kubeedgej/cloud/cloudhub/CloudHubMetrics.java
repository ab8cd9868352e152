package org.kubeedgej.cloud.cloudhub;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * CloudHub's own metrics, served with the others at /metrics (MicroProfile Metrics, Prometheus text; names become
 * {@code kubeedge_cloudhub_..._total} and so on): sessions, the downstream window, messages each way, acks, resends,
 * and the time from a message's first send to its ack. Totals, not per node: a label per node would grow the
 * output with every edge (10,000 edges is the target).
 */
@ApplicationScoped
public class CloudHubMetrics {

    private static final String PREFIX = "kubeedge.cloudhub.";
    private static final Logger LOG = Logger.getLogger(CloudHubMetrics.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    NodeSessions sessions;

    @Inject
    NodeDelivery delivery;

    private Counter received;
    private Counter refused;
    private Counter sent;
    private Counter acks;
    private Counter errorAcks;
    private Counter resends;
    private Counter returnedToQueue;
    private Timer ackLatency;

    @PostConstruct
    void register() {
        registry.gauge(metadata("connected.nodes", "edge nodes with an open CloudHub session", MetricUnits.NONE),
                sessions, NodeSessions::connectedCount);
        registry.gauge(metadata("inflight.messages", "messages sent to edge nodes and waiting for their ack",
                MetricUnits.NONE), delivery, NodeDelivery::inFlightCount);
        received = counter("messages.received", "whole messages received from edge nodes, acks included");
        refused = counter("messages.refused", "messages from edge nodes answered with an error: malformed, over"
                + " the node's rate limit, or not taken by the upstream queue");
        sent = counter("messages.sent", "messages written to edge nodes, resends included");
        acks = counter("acks", "acks from edge nodes that settled a message");
        errorAcks = counter("error.acks", "messages an edge node answered with an error (not sent again)");
        resends = counter("resends", "messages sent again because no ack came within ackTimeout");
        returnedToQueue = counter("returned.to.queue", "messages put back on a node's queue after maxResends");
        ackLatency = registry.timer(metadata("ack.latency", "time from a message's first send to its ack",
                MetricUnits.SECONDS));
    }

    /** Created at start, so /metrics lists CloudHub's metrics before the first edge connects. */
    void start(@Observes Startup startup) {
        LOG.fine("CloudHub metrics registered");
    }

    private Counter counter(String name, String description) {
        return registry.counter(metadata(name, description, MetricUnits.NONE));
    }

    private static Metadata metadata(String name, String description, String unit) {
        return Metadata.builder().withName(PREFIX + name).withDescription(description).withUnit(unit).build();
    }

    void received() {
        received.inc();
    }

    void refused() {
        refused.inc();
    }

    void sent() {
        sent.inc();
    }

    void acked(boolean error, Duration sinceFirstSend) {
        (error ? errorAcks : acks).inc();
        ackLatency.update(sinceFirstSend);
    }

    void resent(int count) {
        resends.inc(count);
    }

    void returnedToQueue(int count) {
        returnedToQueue.inc(count);
    }
}

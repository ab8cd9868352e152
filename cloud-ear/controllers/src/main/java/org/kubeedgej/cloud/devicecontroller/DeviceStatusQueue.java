package org.kubeedgej.cloud.devicecontroller;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.shared.coalescing.CoalescingQueue;
import org.kubeedgej.shared.model.Message;

/**
 * Device reports waiting to be written to the API server, the newest per node, device and kind: a twin report merges
 * into the waiting one property by property (later values win), a state report replaces the waiting one
 * ({@link DeviceReport#fold}). A few writers (modules.deviceController.statusWriters) write different devices at
 * once, and confirm the edge messages a report stands for once it is written; when the API server fails, the
 * reports stay and are tried again a second later.
 *
 * <p>Confirming here rather than in the upstream transaction keeps that transaction on one resource (the
 * upstream queue): a confirmation sent inside it made every twin report a two-phase commit over two broker
 * sessions, which capped CloudCore at about 45 upstream messages a second (docs/benchmarks.md, third pass).
 */
@ApplicationScoped
public class DeviceStatusQueue {

    private static final Logger LOG = Logger.getLogger(DeviceStatusQueue.class.getName());

    @Inject
    DeviceUpstreamHandler writer;

    @Inject
    @ConfigProperty(name = "modules.deviceController.statusWriters", defaultValue = "4")
    int statusWriters;

    @Resource
    ManagedThreadFactory threads;

    private CoalescingQueue<String, DeviceReport> queue;

    @PostConstruct
    void start() {
        queue = new CoalescingQueue<>("devicecontroller-status", threads, statusWriters, DeviceReport::fold,
                Duration.ofSeconds(1), (key, report) -> {
                    writer.writeNow(report.nodeId(), report.resource(), report.content());
                    writer.confirm(report);
                });
    }

    /**
     * @param nodeId the node that reported
     * @param resource the device and kind
     * @param content the report
     * @param request the edge message, confirmed once the report is written
     */
    void submit(String nodeId, DeviceUpstreamResource resource, JsonObject content, Message request) {
        DeviceReport report = DeviceReport.of(nodeId, resource, content, request);
        queue.submit(report.key(), report);
    }

    @PreDestroy
    void stop() {
        int left = queue.stop();
        if (left > 0) {
            LOG.info(() -> left + " device reports were neither written nor confirmed before CloudCore stopped; the"
                    + " edge nodes report them again when they reconnect");
        }
    }
}

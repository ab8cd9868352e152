package org.kubeedgej.cloud.devicecontroller;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.shared.coalescing.CoalescingQueue;

/**
 * Device reports waiting to be written to the API server, the newest per device and kind: a twin report merges
 * into the waiting one property by property (later values win), a state report replaces the waiting one. A few
 * writers (modules.deviceController.statusWriters) write different devices at once; when the API server fails,
 * the reports stay and are tried again a second later.
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

    private record Report(String nodeId, DeviceUpstreamResource resource, JsonObject content) {}

    private CoalescingQueue<String, Report> queue;

    @PostConstruct
    void start() {
        queue = new CoalescingQueue<>("devicecontroller-status", threads, statusWriters, DeviceStatusQueue::fold,
                Duration.ofSeconds(1), (key, report) -> writer.writeNow(report.nodeId(), report.resource(),
                        report.content()));
    }

    void submit(String nodeId, DeviceUpstreamResource resource, JsonObject content) {
        queue.submit(resource.deviceId() + " " + resource.kind(), new Report(nodeId, resource, content));
    }

    /** Twin reports of one node fold property by property; anything else: the newer report wins. */
    private static Report fold(Report waiting, Report newer) {
        if (!DeviceUpstreamResource.TWIN.equals(newer.resource().kind()) || !waiting.nodeId().equals(newer.nodeId())) {
            return newer;
        }
        JsonObjectBuilder twins = Json.createObjectBuilder(DeviceSpec.object(waiting.content(), "twin"));
        DeviceSpec.object(newer.content(), "twin").forEach(twins::add);
        return new Report(newer.nodeId(), newer.resource(),
                Json.createObjectBuilder(newer.content()).add("twin", twins).build());
    }

    @PreDestroy
    void stop() {
        int left = queue.stop();
        if (left > 0) {
            LOG.info(() -> left + " device reports were not written before CloudCore stopped; the edge nodes report"
                    + " them again when they reconnect");
        }
    }
}

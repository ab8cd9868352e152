package org.kubeedgej.cloud.devicecontroller;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Device reports waiting to be written to the API server, the newest per device and kind: a twin report merges
 * into the waiting one property by property (later values win), a state report replaces the waiting one. One
 * writer thread drains them; when the API server fails, the reports stay and the writer tries again a second later.
 */
@ApplicationScoped
public class DeviceStatusQueue {

    private static final Logger LOG = Logger.getLogger(DeviceStatusQueue.class.getName());
    private static final long RETRY_MILLIS = 1000;

    @Inject
    DeviceUpstreamHandler writer;

    @Resource
    ManagedThreadFactory threads;

    private record Report(String nodeId, DeviceUpstreamResource resource, JsonObject content) {}

    private final Map<String, Report> waiting = new LinkedHashMap<>();
    private Thread worker;
    private boolean stopping;

    synchronized void submit(String nodeId, DeviceUpstreamResource resource, JsonObject content) {
        String key = resource.deviceId() + " " + resource.kind();
        Report earlier = waiting.remove(key);
        JsonObject merged = content;
        if (earlier != null && DeviceUpstreamResource.TWIN.equals(resource.kind())
                && earlier.nodeId().equals(nodeId)) {
            JsonObjectBuilder twins = Json.createObjectBuilder(DeviceSpec.object(earlier.content(), "twin"));
            DeviceSpec.object(content, "twin").forEach(twins::add);
            merged = Json.createObjectBuilder(content).add("twin", twins).build();
        }
        waiting.put(key, new Report(nodeId, resource, merged));
        if (worker == null && !stopping) {
            worker = threads.newThread(this::drain);
            worker.setName("devicecontroller-status-writer");
            worker.start();
        }
        notifyAll();
    }

    private void drain() {
        while (true) {
            List<Report> batch;
            synchronized (this) {
                while (!stopping && waiting.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopping) {
                    return;
                }
                batch = new ArrayList<>(waiting.values());
                waiting.clear();
            }
            for (Report report : batch) {
                try {
                    writer.writeNow(report.nodeId(), report.resource(), report.content());
                } catch (RuntimeException e) {
                    LOG.warning(() -> e.getMessage() + "; trying again in " + RETRY_MILLIS + " ms");
                    requeue(report);
                    pause();
                }
            }
        }
    }

    /** Puts a failed report back unless a newer one of the same device and kind arrived meanwhile. */
    private synchronized void requeue(Report report) {
        waiting.putIfAbsent(report.resource().deviceId() + " " + report.resource().kind(), report);
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        notifyAll();
        if (!waiting.isEmpty()) {
            LOG.info(() -> waiting.size() + " device reports were not written before CloudCore stopped; the edge"
                    + " nodes report them again when they reconnect");
        }
    }
}

package it.org.kubeedgej.badinput;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import it.org.kubeedgej.support.DeviceStatusReads;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.KubeEdgeFrames;
import it.org.kubeedgej.support.LibertyServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The check run after every bad input, its parts in parallel: the canary node's session is open and its request is
 * answered through CloudHub, the upstream queue and EdgeController; a mapper's twin/update at the real edgecore
 * reaches the Device's status in the API server; both servers are ready; both heaps stay under a fixed bound.
 */
final class StillHealthy implements AutoCloseable {

    /** CloudCore runs with -Xmx1g; idle it uses some 100-200 MB. The 17 MB message once took it past 1 GB. */
    static final long CLOUD_HEAP_BOUND_MB = 600;
    /** EdgeCore runs with -Xmx128m. */
    static final long EDGE_HEAP_BOUND_MB = 100;

    private final BadInputRig rig;
    private final CustomObjectsApi devices;
    private final AtomicInteger twinValue = new AtomicInteger(1000);
    private final ExecutorService parts = Executors.newFixedThreadPool(6);

    StillHealthy(BadInputRig rig) {
        this.rig = rig;
        this.devices = new CustomObjectsApi(rig.cluster.client());
    }

    /**
     * @param after the case just run, named in a failure
     * @param twinWait how long the twin round trip may take (the first one waits for the Device to reach the edge)
     */
    void check(String after, Duration twinWait) {
        List<Callable<Void>> checks = List.of(
                () -> canaryAnswered(),
                () -> twinRoundTrip(twinWait),
                () -> ready(rig.cloudcore),
                () -> ready(rig.edgecore),
                () -> heapUnder(rig.cloudcore, CLOUD_HEAP_BOUND_MB),
                () -> heapUnder(rig.edgecore, EDGE_HEAP_BOUND_MB));
        List<String> failures = new ArrayList<>();
        AssertionError first = null;
        try {
            for (Future<Void> f : parts.invokeAll(checks)) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                    if (first == null) {
                        first = new AssertionError(e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("after '" + after + "' the rest is not healthy: " + failures);
            error.addSuppressed(first);
            throw error;
        }
    }

    void check(String after) {
        check(after, Duration.ofSeconds(20));
    }

    private Void canaryAnswered() throws InterruptedException {
        if (rig.canary.isClosed()) {
            throw new AssertionError("the canary node's session was closed");
        }
        JsonObject query = KubeEdgeFrames.kubelet("query", "default/node/" + BadInputRig.CANARY, JsonValue.NULL);
        rig.canary.send(query);
        JsonObject answer = rig.canary.awaitAnswer(query, BadInputRig.WAIT);
        JsonObject content = answer.getJsonObject("content");
        if (!"Node".equals(content.getString("kind", "")) || !BadInputRig.CANARY.equals(
                content.getJsonObject("metadata").getString("name", ""))) {
            throw new AssertionError("the canary's query of its Node got " + answer);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Void twinRoundTrip(Duration wait) throws Exception {
        String value = String.valueOf(twinValue.incrementAndGet());
        String update = "{\"event_id\":\"health-" + value + "\",\"twin\":{\"temperature\":{\"actual\":{\"value\":\""
                + value + "\"},\"metadata\":{\"type\":\"int\"}}}}";
        long deadline = System.nanoTime() + wait.toNanos();
        long nextPublish = 0;
        Map<String, Object> device = null;
        while (System.nanoTime() < deadline) {
            // Until the Device has reached the edge the update is refused (404); publish again every 2 s until then.
            if (System.nanoTime() >= nextPublish) {
                rig.mapper.publish(BadInputRig.SENSOR + "twin/update", update);
                nextPublish = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            }
            try {
                device = (Map<String, Object>) devices.getNamespacedCustomObject(DeviceStatusReads.GROUP, "v1beta1",
                        "default", "devices", BadInputRig.DEVICE).execute();
            } catch (ApiException e) {
                throw new AssertionError("the API server did not serve Device " + BadInputRig.DEVICE + ": HTTP "
                        + e.getCode(), e);
            }
            if (value.equals(DeviceStatusReads.reported(device, "temperature"))) {
                return null;
            }
            Http.pause(Duration.ofMillis(50));
        }
        throw new AssertionError("twin value " + value + " published at edgecore's MQTT did not reach Device "
                + BadInputRig.DEVICE + " within " + wait + "; last: " + DeviceStatusReads.status(device));
    }

    private static Void ready(LibertyServer server) throws Exception {
        HttpResponse<String> ready = Http.get(server.url("/health/ready"));
        if (ready.statusCode() != 200) {
            throw new AssertionError("not ready (" + ready.statusCode() + "): " + ready.body());
        }
        return null;
    }

    private static Void heapUnder(LibertyServer server, long boundMb) throws Exception {
        long used = HeapGauge.usedMb(server.pid(), boundMb);
        if (used > boundMb) {
            throw new AssertionError("heap of PID " + server.pid() + " is " + used + " MB after a full GC, over "
                    + boundMb + " MB");
        }
        return null;
    }

    @Override
    public void close() {
        parts.shutdownNow();
    }
}

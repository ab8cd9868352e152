package org.kubeedgej.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.util.Config;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Twin update latency, a mapper's MQTT publish at the edge to the reported value in the API server's Device status
 * (watched), at given rates over a set of devices; and MQTT round trips per second through EventBus (twin/update to
 * its result). Runs against `bin/kubeedge-j up` (bench/run-twins.sh). Prints a report; asserts nothing.
 *
 * <p>Values are sequence numbers. A status write may carry a newer value than one not yet seen (the edge and
 * the cloud keep only the latest state): such a value counts as superseded, not lost; lost means a device's
 * final value never reached the API.
 */
public final class TwinBenchmark {

    private static final String GROUP = "devices.kubeedge.io";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchOptions.parse(args);
        int devices = Integer.parseInt(opts.getOrDefault("devices", "10"));
        String mqtt = opts.getOrDefault("mqtt", "tcp://127.0.0.1:1883");
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        List<Integer> rates = new ArrayList<>();
        for (String r : opts.getOrDefault("rates", "100,1000").split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        ApiClient client = Config.fromConfig(opts.getOrDefault("kubeconfig", ".run/kubeconfig"));
        client.setReadTimeout(0);
        MqttClient mapper = new MqttClient(mqtt, "twin-bench-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(10_000);
        mapper.connect(options);

        System.out.printf("twin benchmark: %d devices (bench-dev-N, default namespace, node edge-node), %d s per rate%n",
                devices, seconds);
        System.out.println("rate/s  sent   seen  superseded  lost  p50 ms  p99 ms  max ms   achieved publish rate");
        for (int rate : rates) {
            run(client, mapper, devices, rate, seconds);
        }
        throughput(mapper, Integer.parseInt(opts.getOrDefault("roundtrips", "5000")));
        mapper.disconnect();
        mapper.close();
        System.exit(0);
    }

    private static void run(ApiClient client, MqttClient mapper, int devices, int rate, int seconds)
            throws Exception {
        Map<String, Map<Long, Long>> sent = new ConcurrentHashMap<>();
        Map<String, Long> highestSeen = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong superseded = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        wall.clear();
        edgeDelays.clear();
        CustomObjectsApi api = new CustomObjectsApi(client);
        // Polled, not watched: the development API server's watch may fold quick successive changes into one
        // event, which would count as superseded here. A list every 10 ms bounds the error at about 10 ms.
        Thread watcher = new Thread(() -> {
            while (!closed.get()) {
                try {
                    JsonObject list = client.getJSON().getGson().toJsonTree(api.listNamespacedCustomObject(GROUP,
                            "v1beta1", "default", "devices").execute()).getAsJsonObject();
                    long now = System.nanoTime();
                    for (JsonElement item : list.getAsJsonArray("items")) {
                        observe(item.getAsJsonObject(), now, sent, highestSeen, latencies, superseded);
                    }
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("status poll failed: " + e);
                }
            }
        }, "status-poll");
        watcher.setDaemon(true);
        watcher.start();
        Thread.sleep(500);
        long base = System.currentTimeMillis() * 10;
        long total = (long) rate * seconds;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String device = "bench-dev-" + (i % devices);
            long value = base + i;
            sent.computeIfAbsent(device, d -> new ConcurrentHashMap<>()).put(value, System.nanoTime());
            wall.put(value, System.currentTimeMillis());
            mapper.publish("$hw/events/device/default/" + device + "/twin/update", ("{\"event_id\":\"b" + i
                    + "\",\"timestamp\":0,\"twin\":{\"temperature\":{\"actual\":{\"value\":\"" + value + "\"},"
                    + "\"metadata\":{\"type\":\"int\"}}}}").getBytes(StandardCharsets.UTF_8), 1, false);
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        // Let the tail arrive, then count the devices whose final value never did.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int lost = devices;
        while (System.nanoTime() < deadline && lost > 0) {
            lost = 0;
            for (Map.Entry<String, Map<Long, Long>> e : sent.entrySet()) {
                long last = Collections.max(e.getValue().keySet());
                if (highestSeen.getOrDefault(e.getKey(), -1L) < last) {
                    lost++;
                }
            }
            Thread.sleep(200);
        }
        closed.set(true);
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        List<Long> edge;
        synchronized (edgeDelays) {
            edge = new ArrayList<>(edgeDelays);
        }
        Collections.sort(edge);
        System.out.printf("%6d %6d %6d %11d %5d %7d %7d %7d   %.0f/s; publish to edge change p50 %d p99 %d ms%n", rate,
                total, sorted.size(), superseded.get(), lost, pct(sorted, 50), pct(sorted, 99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), achieved, pct(edge, 50), pct(edge, 99));
    }

    private static void observe(JsonObject device, long now, Map<String, Map<Long, Long>> sent,
            Map<String, Long> highestSeen, List<Long> latencies, AtomicLong superseded) {
        String name = device.getAsJsonObject("metadata").get("name").getAsString();
        Long value = reported(device);
        Map<Long, Long> times = sent.get(name);
        if (value == null || times == null) {
            return;
        }
        long previous = highestSeen.getOrDefault(name, -1L);
        if (value <= previous) {
            return;
        }
        Long at = times.get(value);
        if (at == null) {
            return;
        }
        superseded.addAndGet(times.keySet().stream().filter(k -> k > previous && k < value).count());
        highestSeen.put(name, value);
        latencies.add(TimeUnit.NANOSECONDS.toMillis(now - at));
        Long published = wall.get(value);
        Long edgeTime = reportedTimestamp(device);
        if (published != null && edgeTime != null) {
            edgeDelays.add(edgeTime - published);
        }
    }

    /** Publish wall-clock times, to split the latency at the edge's own timestamp of the change. */
    private static final Map<Long, Long> wall = new ConcurrentHashMap<>();
    private static final List<Long> edgeDelays = Collections.synchronizedList(new ArrayList<>());

    private static Long reportedTimestamp(JsonObject device) {
        for (JsonElement t : device.getAsJsonObject("status").getAsJsonArray("twins")) {
            JsonObject twin = t.getAsJsonObject();
            if ("temperature".equals(twin.get("propertyName").getAsString()) && twin.has("reported")) {
                try {
                    return Long.parseLong(twin.getAsJsonObject("reported").getAsJsonObject("metadata")
                            .get("timestamp").getAsString());
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Long reported(JsonObject device) {
        JsonElement status = device.get("status");
        if (status == null || !status.isJsonObject() || !status.getAsJsonObject().has("twins")) {
            return null;
        }
        for (JsonElement t : status.getAsJsonObject().getAsJsonArray("twins")) {
            JsonObject twin = t.getAsJsonObject();
            if ("temperature".equals(twin.get("propertyName").getAsString()) && twin.has("reported")) {
                try {
                    return Long.parseLong(twin.getAsJsonObject("reported").get("value").getAsString());
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void throughput(MqttClient mapper, int count) throws Exception {
        AtomicLong results = new AtomicLong();
        String device = "bench-dev-0";
        mapper.subscribe("$hw/events/device/default/" + device + "/twin/update/result", 0,
                (t, m) -> results.incrementAndGet());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            mapper.publish("$hw/events/device/default/" + device + "/twin/update", ("{\"event_id\":\"t" + i
                    + "\",\"twin\":{\"temperature\":{\"actual\":{\"value\":\"" + i + "\"}}}}")
                    .getBytes(StandardCharsets.UTF_8), 0, false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (results.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("EventBus round trips (twin/update -> update/result, QoS 0, one device): %d of %d in"
                + " %.1f s = %.0f/s%n", results.get(), count, secs, results.get() / secs);
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}

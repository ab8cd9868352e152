package org.kubeedgej.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What CloudCore says about itself (health checks) and what the OS says about its process. */
final class CloudCoreProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int httpPort;
    private final long pid;

    CloudCoreProbe(int httpPort, long pid) {
        this.httpPort = httpPort;
        this.pid = pid;
    }

    /**
     * @param connectedNodes cloudhub check's connectedNodes (-1 when unreadable)
     * @param nodeLimit cloudhub check's nodeLimit
     * @param heapUsedBytes cloudcore-heap check's heapUsedBytes (-1 when unreadable)
     * @param heapMaxBytes cloudcore-heap check's heapMaxBytes
     * @param rssBytes VmRSS of the CloudCore JVM (-1 when unknown)
     * @param threads its thread count (-1 when unknown)
     */
    record Sample(long connectedNodes, long nodeLimit, long heapUsedBytes, long heapMaxBytes, long rssBytes,
            long threads) {
    }

    Sample sample() {
        JsonObject hub = checkData("/health/ready", "cloudhub");
        JsonObject heap = checkData("/health/live", "cloudcore-heap");
        return new Sample(number(hub, "connectedNodes"), number(hub, "nodeLimit"), number(heap, "heapUsedBytes"),
                number(heap, "heapMaxBytes"), ProcStatus.rssBytes(pid), ProcStatus.threads(pid));
    }

    /** @return whether CloudCore's process is still there */
    boolean alive() {
        return pid <= 0 || Files.exists(Path.of("/proc/" + pid));
    }

    private JsonObject checkData(String path, String check) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // 503 still carries every check (readiness is DOWN without a Kubernetes API server, for example).
            JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
            for (JsonValue value : body.getJsonArray("checks")) {
                JsonObject object = value.asJsonObject();
                if (check.equals(object.getString("name", "")) && object.containsKey("data")) {
                    return object.getJsonObject("data");
                }
            }
        } catch (IOException | RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private static long number(JsonObject data, String name) {
        return data.containsKey(name) ? data.getJsonNumber(name).longValue() : -1;
    }
}

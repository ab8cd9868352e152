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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A server started by {@code bin/kubeedge-j up} as the OS and its liveness check see it. The PID in
 * {@code .run/pids/<name>.pid} is the process {@code up} started (env, nohup, then Liberty's server script); the JVM
 * is that process if the script exec'd java, else its java descendant. RSS is the JVM's {@code VmRSS}, the heap
 * comes from the liveness check that reports {@code heapUsedBytes}/{@code heapMaxBytes}.
 */
final class ServerProcessProbe {

    /** Memory of the server JVM; -1 where unreadable. */
    record Sample(long rssBytes, long threads, long heapUsedBytes, long heapMaxBytes) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long recordedPid;
    private final long jvmPid;
    private final int httpPort;
    private final String heapCheck;

    ServerProcessProbe(long recordedPid, int httpPort, String heapCheck) {
        this.recordedPid = recordedPid;
        this.jvmPid = jvmUnder(recordedPid);
        this.httpPort = httpPort;
        this.heapCheck = heapCheck;
    }

    private static long jvmUnder(long pid) {
        Optional<ProcessHandle> recorded = ProcessHandle.of(pid);
        if (recorded.isEmpty()) {
            return -1;
        }
        if (isJava(recorded.get())) {
            return pid;
        }
        return recorded.get().descendants().filter(ServerProcessProbe::isJava).mapToLong(ProcessHandle::pid)
                .findFirst().orElse(-1);
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** @return e.g. "JVM PID 123 (the recorded PID)" or "JVM PID 124 (child of recorded PID 120)" */
    String describe() {
        if (jvmPid < 0) {
            return "no JVM found under recorded PID " + recordedPid;
        }
        return "JVM PID " + jvmPid + (jvmPid == recordedPid ? " (the recorded PID: the server script exec'd java)"
                : " (under recorded PID " + recordedPid + ")");
    }

    /** @return the JVM's "Runtime Environment" line of {@code java -version}, run with the server's own java */
    String javaVersion() {
        Optional<String> command = ProcessHandle.of(jvmPid).flatMap(p -> p.info().command());
        if (command.isEmpty()) {
            return "?";
        }
        try {
            Process process = new ProcessBuilder(command.get(), "-version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out.lines().filter(l -> l.contains("Runtime Environment")).findFirst()
                    .orElse(out.lines().findFirst().orElse("?")).trim() + " at " + command.get();
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    Sample sample() {
        JsonObject heap = heapData();
        return new Sample(ProcStatus.rssBytes(jvmPid), ProcStatus.threads(jvmPid), number(heap, "heapUsedBytes"),
                number(heap, "heapMaxBytes"));
    }

    private JsonObject heapData() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/health/live")).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
            for (JsonValue value : body.getJsonArray("checks")) {
                JsonObject check = value.asJsonObject();
                if (heapCheck.equals(check.getString("name", "")) && check.containsKey("data")) {
                    return check.getJsonObject("data");
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read the heap from port " + httpPort + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private static long number(JsonObject data, String name) {
        return data.containsKey(name) ? data.getJsonNumber(name).longValue() : -1;
    }
}

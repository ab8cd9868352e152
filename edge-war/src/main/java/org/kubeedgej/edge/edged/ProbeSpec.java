package org.kubeedgej.edge.edged;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One container probe as the Pod JSON gives it, with Kubernetes' defaults filled in (period 10 s, timeout 1 s,
 * success threshold 1, failure threshold 3, no initial delay; httpGet path "/" over HTTP), so the rest of edged
 * never looks at the JSON again. Times are Durations, so tests can probe every few milliseconds.
 *
 * @param type liveness, readiness or startup
 * @param action what to do: run a command, GET a URL or open a TCP connection
 * @param command exec's command (run without a shell)
 * @param scheme httpGet's HTTP or HTTPS
 * @param host httpGet's or tcpSocket's host, "" for the pod's address (loopback on KubeEdge-J)
 * @param port httpGet's or tcpSocket's port, named ports already resolved; 0 when {@code problem} says why not
 * @param path httpGet's path
 * @param headers httpGet's extra headers, in order
 * @param initialDelay how long after the container started the first attempt waits
 * @param period the time between attempts
 * @param timeout how long one attempt may take
 * @param successThreshold passes in a row that count as passing (1 for liveness and startup)
 * @param failureThreshold failures in a row that count as failing
 * @param problem why this probe cannot work as written (e.g. an undeclared named port), null when it can; such a
 *        probe fails every attempt with this message, as the kubelet's would
 */
record ProbeSpec(ProbeType type, Action action, List<String> command, String scheme, String host, int port,
        String path, Map<String, String> headers, Duration initialDelay, Duration period, Duration timeout,
        int successThreshold, int failureThreshold, String problem) {

    enum Action { EXEC, HTTP_GET, TCP_SOCKET }

    ProbeSpec {
        command = List.copyOf(command);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * @param type which probe the JSON is
     * @param probe the probe's JSON (a container's livenessProbe, readinessProbe or startupProbe)
     * @param ports the container's ports, for named ports
     * @return the probe, or null when it has no handler edged runs (none, or grpc)
     */
    static ProbeSpec fromJson(ProbeType type, JsonObject probe, JsonArray ports) {
        Duration initialDelay = Duration.ofSeconds(Math.max(0, number(probe, "initialDelaySeconds", 0)));
        Duration period = Duration.ofSeconds(Math.max(1, number(probe, "periodSeconds", 10)));
        Duration timeout = Duration.ofSeconds(Math.max(1, number(probe, "timeoutSeconds", 1)));
        // The API server allows only 1 for liveness and startup probes; a hand-made pod gets the same.
        int success = type == ProbeType.READINESS ? Math.max(1, number(probe, "successThreshold", 1)) : 1;
        int failure = Math.max(1, number(probe, "failureThreshold", 3));
        if (isObject(probe, "exec")) {
            JsonObject exec = probe.getJsonObject("exec");
            List<String> command = exec.containsKey("command") && !exec.isNull("command")
                    ? exec.getJsonArray("command").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                            .toList() : List.of();
            return new ProbeSpec(type, Action.EXEC, command, "", "", 0, "", Map.of(), initialDelay, period, timeout,
                    success, failure, command.isEmpty() ? "exec probe without a command" : null);
        }
        boolean http = isObject(probe, "httpGet");
        if (!http && !isObject(probe, "tcpSocket")) {
            return null;
        }
        JsonObject target = probe.getJsonObject(http ? "httpGet" : "tcpSocket");
        String problem = null;
        int port = 0;
        JsonValue portValue = target.get("port");
        if (portValue instanceof JsonNumber n) {
            port = n.intValue();
        } else if (portValue instanceof JsonString s) {
            port = namedPort(s.getString(), ports);
            if (port == 0) {
                problem = "port \"" + s.getString() + "\" is not one of the container's named ports";
            }
        }
        if (problem == null && (port < 1 || port > 65535)) {
            problem = "port " + (portValue == null ? "missing" : portValue + " is out of range");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (http && target.containsKey("httpHeaders") && !target.isNull("httpHeaders")) {
            for (JsonObject h : target.getJsonArray("httpHeaders").getValuesAs(JsonObject.class)) {
                headers.put(h.getString("name", ""), h.getString("value", ""));
            }
            headers.remove("");
        }
        String path = http ? target.getString("path", "/") : "";
        return new ProbeSpec(type, http ? Action.HTTP_GET : Action.TCP_SOCKET, List.of(),
                http ? target.getString("scheme", "HTTP").toUpperCase(Locale.ROOT) : "",
                target.getString("host", ""), port, path.startsWith("/") ? path : "/" + path, headers, initialDelay,
                period, timeout, success, failure, problem);
    }

    /** @return what it checks, for log lines: the command, URL or address */
    String describe() {
        return switch (action) {
            case EXEC -> "exec " + command;
            case HTTP_GET -> "httpGet " + scheme.toLowerCase(Locale.ROOT) + "://"
                    + (host.isEmpty() ? "127.0.0.1" : host) + ":" + port + path;
            case TCP_SOCKET -> "tcpSocket " + (host.isEmpty() ? "127.0.0.1" : host) + ":" + port;
        };
    }

    private static int namedPort(String name, JsonArray ports) {
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty() && name.length() < 6) {
            return Integer.parseInt(name);
        }
        if (ports == null) {
            return 0;
        }
        for (JsonObject p : ports.getValuesAs(JsonObject.class)) {
            if (name.equals(p.getString("name", null)) && p.get("containerPort") instanceof JsonNumber n) {
                return n.intValue();
            }
        }
        return 0;
    }

    private static int number(JsonObject o, String key, int fallback) {
        return o.get(key) instanceof JsonNumber n ? n.intValue() : fallback;
    }

    private static boolean isObject(JsonObject o, String key) {
        return o.containsKey(key) && o.get(key).getValueType() == JsonValue.ValueType.OBJECT;
    }
}

package org.kubeedgej.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run, from {@code --name=value} arguments (bench/run-cloudhub.sh passes the ports and PID; anything
 * else may be overridden on its command line).
 *
 * @param caDir directory with ca.crt, ca.key and truststore.p12 (certs/certgen.sh ca)
 * @param storePassword password of truststore.p12
 * @param cloudHubPorts CloudHub wss ports (one per CloudCore replica); edge i connects to port i mod their number
 * @param httpPort CloudCore's plain HTTP port (health)
 * @param brokerPort the embedded Artemis broker's port
 * @param cloudCorePid CloudCore's JVM, for its RSS (0: not reported)
 * @param projectId the project in the CloudHub URL and the project_id header
 * @param steps connected-edge targets to ramp through, in order
 * @param holdSeconds how long each step is held before it is measured
 * @param keepaliveSeconds each edge's keepalive period
 * @param clients HttpClients (each has its own selector thread); also how many connects run at once
 * @param connectTimeoutSeconds limit on one WebSocket connect (TCP, TLS and upgrade)
 * @param downstream whether to run the downstream part
 * @param downstreamNodes node counts for the downstream part (largest first is faster: edges are closed down)
 * @param rates downstream target rates, messages per second
 * @param warmupSeconds unreported downstream traffic (at the first rate) before the first measured run, so JIT
 *        compilation and the first ObjectSync records are not counted as delivery latency
 * @param rateSeconds how long each rate is sent
 * @param drainSeconds how long acks are awaited after a rate's last send
 * @param maxMinutes the whole run's limit; the program ends itself after it
 */
record BenchSettings(Path caDir, String storePassword, List<Integer> cloudHubPorts, int httpPort, int brokerPort,
        long cloudCorePid, String projectId, List<Integer> steps, int holdSeconds, int keepaliveSeconds,
        int clients, int connectTimeoutSeconds, boolean downstream, List<Integer> downstreamNodes,
        List<Integer> rates, int warmupSeconds, int rateSeconds, int drainSeconds, int maxMinutes) {

    static BenchSettings parse(String[] args) {
        return from(BenchOptions.parse(args));
    }

    /**
     * @param options {@code --name=value} options by name; those read here are taken out of it
     * @throws IllegalArgumentException for an option left over
     */
    static BenchSettings from(Map<String, String> options) {
        Map<String, String> given = new HashMap<>(options);
        Reader r = new Reader(given);
        BenchSettings settings = new BenchSettings(
                Path.of(r.text("ca-dir", null)),
                r.text("store-password", "kubeedge-j"),
                r.numbers("cloudhub-ports", "29100"),
                r.number("http-port", 29080),
                r.number("broker-port", 29616),
                r.number("cloudcore-pid", 0),
                r.text("project-id", "e632aba927ea4ac2b575ec1603d56f10"),
                r.numbers("steps", "1000,5000,10000"),
                r.number("hold-seconds", 40),
                r.number("keepalive-seconds", 15),
                r.number("clients", 16),
                r.number("connect-timeout-seconds", 30),
                Boolean.parseBoolean(r.text("downstream", "true")),
                r.numbers("downstream-nodes", "1000,100"),
                r.numbers("rates", "500,1000,2000"),
                r.number("warmup-seconds", 30),
                r.number("rate-seconds", 20),
                r.number("drain-seconds", 10),
                r.number("max-minutes", 40));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + given.keySet());
        }
        return settings;
    }

    /**
     * @param hubPorts the CloudHub ports of the CloudCores under test
     * @param broker the port of the broker their node queues are on
     * @return these settings for other CloudCores (the probes of the replica benchmark are its own)
     */
    BenchSettings forCloudCores(List<Integer> hubPorts, int broker) {
        return new BenchSettings(caDir, storePassword, List.copyOf(hubPorts), 0, broker, 0, projectId, steps,
                holdSeconds, keepaliveSeconds, clients, connectTimeoutSeconds, downstream, downstreamNodes, rates,
                warmupSeconds, rateSeconds, drainSeconds, maxMinutes);
    }

    /** @return the largest number of edges any part needs */
    int maxEdges() {
        int max = steps.stream().mapToInt(Integer::intValue).max().orElse(0);
        return downstream ? Math.max(max, downstreamNodes.stream().mapToInt(Integer::intValue).max().orElse(0))
                : max;
    }

    /** Takes options out of the map as they are read, so leftovers are reported as unknown. */
    private record Reader(Map<String, String> given) {

        String text(String name, String fallback) {
            String value = given.remove(name);
            if (value == null && fallback == null) {
                throw new IllegalArgumentException("--" + name + "=... is required");
            }
            return value == null ? fallback : value;
        }

        int number(String name, int fallback) {
            return Integer.parseInt(text(name, String.valueOf(fallback)));
        }

        List<Integer> numbers(String name, String fallback) {
            return Arrays.stream(text(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Integer::valueOf).toList();
        }
    }
}

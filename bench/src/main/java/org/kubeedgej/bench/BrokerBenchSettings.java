package org.kubeedgej.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link BrokerTopologyBenchmark} ({@code --name=value}).
 *
 * @param brokerJar broker/target/kubeedge-broker.jar
 * @param workDir journals and broker logs go below this, one directory per run
 * @param nodes node queues (100)
 * @param producers sender threads of the steady runs (4)
 * @param warmupSeconds unmeasured start of a steady run (10)
 * @param seconds measured part of a steady run (30)
 * @param drainSeconds longest wait for the last messages after the sends end (15)
 * @param killRate messages/s of the kill runs (200)
 * @param killAtSeconds when the broker is killed (10)
 * @param killRunSeconds how long the kill runs send (40)
 * @param basePort first broker port; each layout takes ten from here (29700)
 * @param topologies steady runs: single, pair, cluster
 * @param kills kill runs: pair (the primary), cluster-b (the consumers' broker), cluster-a (the producer's)
 * @param repeat how many times each kill run is made (1)
 * @param commit what was measured, for the report
 */
record BrokerBenchSettings(Path brokerJar, Path workDir, int nodes, int producers, int warmupSeconds, int seconds,
        int drainSeconds, int killRate, int killAtSeconds, int killRunSeconds, int basePort,
        List<String> topologies, List<String> kills, int repeat, String commit) {

    static BrokerBenchSettings parse(String[] args) {
        Map<String, String> o = BenchOptions.parse(args);
        if (!o.containsKey("broker-jar") || !o.containsKey("work-dir")) {
            throw new IllegalArgumentException("--broker-jar and --work-dir are required (bench/run-brokers.sh sets"
                    + " them)");
        }
        return new BrokerBenchSettings(Path.of(o.get("broker-jar")), Path.of(o.get("work-dir")),
                num(o, "nodes", 100), num(o, "producers", 4), num(o, "warmup-seconds", 10), num(o, "seconds", 30),
                num(o, "drain-seconds", 15), num(o, "kill-rate", 200), num(o, "kill-at-seconds", 10),
                num(o, "kill-run-seconds", 40), num(o, "base-port", 29700),
                list(o, "topologies", "single,pair,cluster"), list(o, "kills", "pair,cluster-b,cluster-a"),
                num(o, "repeat", 1), o.getOrDefault("commit", "?"));
    }

    /** @return the first port of a layout: ten per layout, so a rerun never meets a previous run's TIME_WAITs */
    int port(BrokerTopology topology) {
        return basePort + 10 * topology.ordinal();
    }

    private static int num(Map<String, String> o, String key, int fallback) {
        return Integer.parseInt(o.getOrDefault(key, String.valueOf(fallback)));
    }

    private static List<String> list(Map<String, String> o, String key, String fallback) {
        return Arrays.stream(o.getOrDefault(key, fallback).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }
}

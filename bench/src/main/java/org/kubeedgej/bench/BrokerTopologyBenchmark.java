package org.kubeedgej.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * The broker layouts CloudCore replicas can share (issue 16 item 1), measured with real broker processes from
 * broker/target/kubeedge-broker.jar: steady durable traffic to per-node queues with the consumers on the other
 * "replica", then kill -9 of one broker mid-run. Run by bench/run-brokers.sh; prints Markdown tables.
 */
public final class BrokerTopologyBenchmark {

    private BrokerTopologyBenchmark() {
    }

    /** @param args {@code --name=value} options ({@link BrokerBenchSettings}) */
    public static void main(String[] args) throws Exception {
        BrokerBenchSettings settings = BrokerBenchSettings.parse(args);
        PrintStream out = System.out;
        out.printf("Broker topologies: %s, %s, commit %s%n", Instant.now(), MachineLoad.machine(), settings.commit());
        out.printf("nodes %d, steady: %d senders, %d s warm-up + %d s measured; kill runs: %d msg/s, kill -9 at %d s"
                + " of %d s, %d time(s) each; brokers from port %d%n", settings.nodes(), settings.producers(),
                settings.warmupSeconds(), settings.seconds(), settings.killRate(), settings.killAtSeconds(),
                settings.killRunSeconds(), settings.repeat(), settings.basePort());

        ReportTable steady = new ReportTable("topology", "nodes", "senders", "sent/s", "received/s",
                "latency p50 ms", "p99 ms", "max ms", "send p50 / p99 ms", "brokers CPU %", "client CPU %",
                "load 1/5/15", "missing", "duplicates", "out of order");
        for (String name : settings.topologies()) {
            BrokerTopology topology = BrokerTopology.valueOf(name.toUpperCase(Locale.ROOT));
            out.printf("steady run: %s ...%n", topology.label());
            BrokerThroughputRun.run(topology, settings, runDir(settings, "steady-" + name), steady);
            steady.print(out);
        }

        ReportTable kills = new ReportTable("topology", "killed", "latency before p50 / p99 ms", "sends back s", "failed send attempts",
                "first receipt s", "all nodes receiving s", "consumer connections moved s", "acked before + after",
                "missing after drain", "stranded, arrived after restart (before / after kill)",
                "last stranded s after restart", "lost", "duplicates", "out of order");
        for (String name : settings.kills()) {
            BrokerKillRun.Case kill = switch (name) {
                case "pair" -> new BrokerKillRun.Case(BrokerTopology.PAIR, 0, "primary");
                case "cluster-b" -> new BrokerKillRun.Case(BrokerTopology.CLUSTER, 1, "B (consumers' broker)");
                case "cluster-a" -> new BrokerKillRun.Case(BrokerTopology.CLUSTER, 0, "A (producer's broker)");
                default -> throw new IllegalArgumentException("unknown kill run " + name
                        + ": use pair, cluster-b or cluster-a");
            };
            for (int run = 1; run <= settings.repeat(); run++) {
                out.printf("kill run %d: %s, kill -9 of %s ...%n", run, kill.topology().label(), kill.label());
                BrokerKillRun.run(kill, settings, runDir(settings, "kill-" + name + "-" + run), kills);
                kills.print(out);
            }
        }

        out.printf("%n## Steady load (durable sends acknowledged by the broker, consumers on the other replica)%n%n");
        steady.print(out);
        out.printf("%n## kill -9 of one broker (times from the kill)%n%n");
        kills.print(out);
        System.exit(0);
    }

    private static Path runDir(BrokerBenchSettings settings, String name) throws java.io.IOException {
        return Files.createDirectories(settings.workDir().resolve(name));
    }
}

package org.kubeedgej.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * CloudHub under load: how many edge nodes one CloudCore holds, and how fast it delivers downstream messages.
 * Run by bench/run-cloudhub.sh against a packaged CloudCore on 127.0.0.1; options are {@code --name=value}
 * (see {@link BenchSettings}). Writes its report to stdout and ends by itself (at the latest after
 * --max-minutes).
 */
public final class CloudHubBenchmark {

    private CloudHubBenchmark() {
    }

    /** @param args {@code --name=value} options; --ca-dir is required */
    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        PrintStream out = System.out;
        out.printf("CloudHub benchmark: %d cores, client JVM %s, heap max %d MiB, args %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getRuntimeMXBean().getInputArguments());
        out.printf("CloudHub wss://127.0.0.1 ports %s, health http://127.0.0.1:%d, broker tcp://127.0.0.1:%d,"
                + " CloudCore PID %d%n", settings.cloudHubPorts(), settings.httpPort(), settings.brokerPort(),
                settings.cloudCorePid());

        long start = System.nanoTime();
        List<NodeIdentity> identities = NodeCertificates.fromCaDir(settings.caDir())
                .issue("bench-node-", settings.maxEdges());
        out.printf("%d node certificates made in %.1f s%n", identities.size(), (System.nanoTime() - start) / 1e9);

        FailureCounts failures = new FailureCounts();
        DeliveryTracker tracker = new DeliveryTracker();
        CloudCoreProbe probe = new CloudCoreProbe(settings.httpPort(), settings.cloudCorePid());
        try (EdgeFleet fleet = new EdgeFleet(settings, identities, failures, tracker)) {
            ConnectionRamp ramp = new ConnectionRamp(settings, fleet, List.of(probe), failures, out);
            DownstreamRun downstream = new DownstreamRun(settings, fleet, tracker, out);
            RateCpuTable cpu = new RateCpuTable(settings.cloudCorePid(), out);
            downstream.onRate(cpu);
            Runnable report = () -> report(settings, ramp.table(), downstream.table(), cpu.table(), failures,
                    tracker, out);
            startWatchdog(settings.maxMinutes(), report);
            ramp.run();
            if (settings.downstream() && probe.alive()) {
                downstream.run();
            }
            fleet.close();
            Thread.sleep(2000); // let the closes go out
            report.run();
        }
        System.exit(0);
    }

    private static synchronized void report(BenchSettings settings, ReportTable connections, ReportTable downstream,
            ReportTable cpu, FailureCounts failures, DeliveryTracker tracker, PrintStream out) {
        out.printf("%n## Connected edges (hold %d s per step, keepalive every %d s, %d HttpClients)%n%n",
                settings.holdSeconds(), settings.keepaliveSeconds(), settings.clients());
        connections.print(out);
        Map<String, Long> all = failures.snapshot();
        out.printf("%nFailures by cause (whole run, %d):%n", failures.total());
        all.forEach((cause, count) -> out.printf("  %6d  %s%n", count, cause));
        if (!downstream.isEmpty()) {
            out.printf("%n## Downstream delivery (%d s per rate, latency = edge ack time - header.timestamp)%n%n",
                    settings.rateSeconds());
            downstream.print(out);
            out.printf("%n## CPU per rate, %% of one core (the machine has %d00; others: the machine less"
                    + " cloudcore and the bench JVM)%n%n", Runtime.getRuntime().availableProcessors());
            cpu.print(out);
            out.printf("%nCloudHub error replies to edges: %d; acks for unknown or settled ids: %d%n",
                    tracker.errorReplies(), tracker.unknownMessages());
        } else if (settings.downstream()) {
            out.println("\nDownstream delivery: not measured");
        }
        out.flush();
    }

    /** Ends the JVM (exit 3, after {@code report}) once {@code minutes} have passed. */
    static void startWatchdog(int minutes, Runnable report) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(minutes * 60_000L);
                System.out.println("benchmark limit of " + minutes + " minutes reached; stopping");
                report.run();
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}

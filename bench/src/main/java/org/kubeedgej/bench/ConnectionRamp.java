package org.kubeedgej.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The connection part: ramps the fleet through the steps, holds each one longer than CloudHub's keepalive
 * interval (so a session that is not kept alive would be closed), then measures. Stops early when a step
 * loses more than a tenth of its edges, CloudCore's heap is nearly full or CloudCore is gone. With several
 * CloudCores (replicas) connectedNodes is their sum, and memory and threads are given per CloudCore, joined by "+".
 */
final class ConnectionRamp {

    private static final double MIN_HELD = 0.9;
    private static final double MAX_HEAP = 0.9;

    private final BenchSettings settings;
    private final EdgeFleet fleet;
    private final List<CloudCoreProbe> probes;
    private final FailureCounts failures;
    private final PrintStream out;
    private final ReportTable table = new ReportTable("target edges", "connect rate /s", "connected (clients)",
            "connectedNodes (readiness)", "failures", "CloudCore RSS MiB", "heap used/max MiB", "threads",
            "load 1m");
    private int held;
    private int opened;
    private double connectSeconds;

    ConnectionRamp(BenchSettings settings, EdgeFleet fleet, List<CloudCoreProbe> probes, FailureCounts failures,
            PrintStream out) {
        this.settings = settings;
        this.fleet = fleet;
        this.probes = List.copyOf(probes);
        this.failures = failures;
        this.out = out;
    }

    /** @return the steps measured so far */
    ReportTable table() {
        return table;
    }

    /** @return the most edges open after a step's hold, in steps that held at least 90 % of their target */
    int held() {
        return held;
    }

    /** @return sessions opened per second of connecting, over all steps */
    double connectRate() {
        return connectSeconds <= 0 ? 0 : opened / connectSeconds;
    }

    /** @return the table of steps measured */
    ReportTable run() throws InterruptedException {
        List<CloudCoreProbe.Sample> idle = sampleAll();
        out.printf("idle CloudCore: RSS %s MiB, heap used %s MiB, %s threads%n",
                joined(idle, CloudCoreProbe.Sample::rssBytes, ReportTable::mib),
                joined(idle, CloudCoreProbe.Sample::heapUsedBytes, ReportTable::mib),
                joined(idle, CloudCoreProbe.Sample::threads, String::valueOf));
        for (int target : settings.steps()) {
            Map<String, Long> before = failures.snapshot();
            out.printf("%n== step %d edges: connecting ...%n", target);
            EdgeFleet.ConnectResult connect = fleet.connectUpTo(target);
            out.printf("   %d/%d connects opened in %.1f s (%.0f/s); %d open now; holding %d s%n", connect.opened(),
                    connect.tried(), connect.seconds(), connect.rate(), fleet.openCount(), settings.holdSeconds());
            if (connect.abandoned()) {
                out.println("   too many failed connects: step abandoned");
            }
            opened += connect.opened();
            connectSeconds += connect.seconds();
            hold();
            List<CloudCoreProbe.Sample> samples = sampleAll();
            int open = fleet.openCount();
            Map<String, Long> failed = failures.since(before);
            long failedCount = failed.values().stream().mapToLong(Long::longValue).sum();
            long connectedNodes = samples.stream().mapToLong(CloudCoreProbe.Sample::connectedNodes).sum();
            String rss = joined(samples, CloudCoreProbe.Sample::rssBytes, ReportTable::mib);
            String heap = samples.stream().map(s -> ReportTable.mib(s.heapUsedBytes()) + "/"
                    + ReportTable.mib(s.heapMaxBytes())).collect(Collectors.joining(" + "));
            String threads = joined(samples, CloudCoreProbe.Sample::threads, String::valueOf);
            table.add(target, String.format("%.0f", connect.rate()), open, connectedNodes, failedCount, rss, heap,
                    threads, MachineLoad.oneMinute());
            out.printf("   after hold: %d open (clients), %d connectedNodes (readiness), RSS %s MiB, heap %s MiB,"
                    + " %s threads, load %s%n", open, connectedNodes, rss, heap, threads, MachineLoad.averages());
            failed.forEach((cause, count) -> out.printf("   failure x%d: %s%n", count, cause));
            if (connect.abandoned()) {
                break;
            }
            if (!alive()) {
                out.println("   CloudCore's process is gone: stopping the ramp");
                break;
            }
            if (open < MIN_HELD * target) {
                out.printf("   fewer than %.0f%% of %d edges held: stopping the ramp%n", MIN_HELD * 100, target);
                break;
            }
            held = Math.max(held, open);
            if (samples.stream().anyMatch(s -> s.heapMaxBytes() > 0
                    && s.heapUsedBytes() > MAX_HEAP * s.heapMaxBytes())) {
                out.println("   CloudCore's heap is over 90% full: stopping the ramp");
                break;
            }
        }
        return table;
    }

    private List<CloudCoreProbe.Sample> sampleAll() {
        return probes.stream().map(CloudCoreProbe::sample).toList();
    }

    private boolean alive() {
        return probes.stream().allMatch(CloudCoreProbe::alive);
    }

    private static String joined(List<CloudCoreProbe.Sample> samples, ToLongFunction<CloudCoreProbe.Sample> field,
            Function<Long, String> format) {
        return samples.stream().map(s -> format.apply(field.applyAsLong(s))).collect(Collectors.joining(" + "));
    }

    private void hold() throws InterruptedException {
        long end = System.nanoTime() + settings.holdSeconds() * 1_000_000_000L;
        while (System.nanoTime() < end && alive()) {
            Thread.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }
}

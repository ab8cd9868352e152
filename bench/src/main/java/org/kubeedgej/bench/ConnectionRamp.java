package org.kubeedgej.bench;

import java.io.PrintStream;
import java.util.Map;

/**
 * The connection part: ramps the fleet through the steps, holds each one longer than CloudHub's keepalive
 * interval (so a session that is not kept alive would be closed), then measures. Stops early when a step
 * loses more than a tenth of its edges, CloudCore's heap is nearly full or CloudCore is gone.
 */
final class ConnectionRamp {

    private static final double MIN_HELD = 0.9;
    private static final double MAX_HEAP = 0.9;

    private final BenchSettings settings;
    private final EdgeFleet fleet;
    private final CloudCoreProbe probe;
    private final FailureCounts failures;
    private final PrintStream out;
    private final ReportTable table = new ReportTable("target edges", "connect rate /s", "connected (clients)",
            "connectedNodes (readiness)", "failures", "CloudCore RSS MiB", "heap used/max MiB", "threads");

    ConnectionRamp(BenchSettings settings, EdgeFleet fleet, CloudCoreProbe probe, FailureCounts failures,
            PrintStream out) {
        this.settings = settings;
        this.fleet = fleet;
        this.probe = probe;
        this.failures = failures;
        this.out = out;
    }

    /** @return the steps measured so far */
    ReportTable table() {
        return table;
    }

    /** @return the table of steps measured */
    ReportTable run() throws InterruptedException {
        CloudCoreProbe.Sample idle = probe.sample();
        out.printf("idle CloudCore: RSS %s MiB, heap %s/%s MiB, %d threads%n", ReportTable.mib(idle.rssBytes()),
                ReportTable.mib(idle.heapUsedBytes()), ReportTable.mib(idle.heapMaxBytes()), idle.threads());
        for (int target : settings.steps()) {
            Map<String, Long> before = failures.snapshot();
            out.printf("%n== step %d edges: connecting ...%n", target);
            EdgeFleet.ConnectResult connect = fleet.connectUpTo(target);
            out.printf("   %d/%d connects opened in %.1f s (%.0f/s); %d open now; holding %d s%n", connect.opened(),
                    connect.tried(), connect.seconds(), connect.rate(), fleet.openCount(), settings.holdSeconds());
            if (connect.abandoned()) {
                out.println("   too many failed connects: step abandoned");
            }
            hold();
            CloudCoreProbe.Sample sample = probe.sample();
            int open = fleet.openCount();
            Map<String, Long> failed = failures.since(before);
            long failedCount = failed.values().stream().mapToLong(Long::longValue).sum();
            table.add(target, String.format("%.0f", connect.rate()), open, sample.connectedNodes(), failedCount,
                    ReportTable.mib(sample.rssBytes()), ReportTable.mib(sample.heapUsedBytes()) + "/"
                            + ReportTable.mib(sample.heapMaxBytes()), sample.threads());
            out.printf("   after hold: %d open (clients), %d connectedNodes (readiness), RSS %s MiB, heap %s/%s MiB,"
                    + " %d threads%n", open, sample.connectedNodes(), ReportTable.mib(sample.rssBytes()),
                    ReportTable.mib(sample.heapUsedBytes()), ReportTable.mib(sample.heapMaxBytes()),
                    sample.threads());
            failed.forEach((cause, count) -> out.printf("   failure x%d: %s%n", count, cause));
            if (connect.abandoned()) {
                break;
            }
            if (!probe.alive()) {
                out.println("   CloudCore's process is gone: stopping the ramp");
                break;
            }
            if (open < MIN_HELD * target) {
                out.printf("   fewer than %.0f%% of %d edges held: stopping the ramp%n", MIN_HELD * 100, target);
                break;
            }
            if (sample.heapMaxBytes() > 0 && sample.heapUsedBytes() > MAX_HEAP * sample.heapMaxBytes()) {
                out.println("   CloudCore's heap is over 90% full: stopping the ramp");
                break;
            }
        }
        return table;
    }

    private void hold() throws InterruptedException {
        long end = System.nanoTime() + settings.holdSeconds() * 1_000_000_000L;
        while (System.nanoTime() < end && probe.alive()) {
            Thread.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }
}

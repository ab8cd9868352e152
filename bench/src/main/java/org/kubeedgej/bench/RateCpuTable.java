package org.kubeedgej.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU per measured downstream rate, for the CloudHub benchmark's report: CloudCore's JVM, this benchmark's own JVM
 * (the edges and the producer share the two cores with CloudCore), and the whole machine, in % of one core. What is
 * left of the machine's figure is the development API server and anything else running.
 */
final class RateCpuTable implements DownstreamRun.RateListener {

    private static final String CLOUDCORE = "cloudcore";
    private static final String BENCH = "bench JVM";

    private final CpuMeter meter;
    private final ReportTable table = new ReportTable("nodes", "target msg/s", "seconds", "cloudcore %",
            "bench JVM %", "machine %", "others %");
    private final PrintStream out;

    /** @param cloudCorePid CloudCore's JVM (0: not metered) */
    RateCpuTable(long cloudCorePid, PrintStream out) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (cloudCorePid > 0) {
            pids.put(CLOUDCORE, cloudCorePid);
        }
        pids.put(BENCH, ProcessHandle.current().pid());
        this.meter = new CpuMeter(pids);
        this.out = out;
    }

    @Override
    public void started(int nodes, int rate) {
        meter.start();
    }

    @Override
    public void ended(int nodes, int rate) {
        CpuMeter.Shares shares = meter.stop();
        double cloudCore = shares.byProcess().getOrDefault(CLOUDCORE, Double.NaN);
        double bench = shares.byProcess().get(BENCH);
        table.add(nodes, rate, String.format("%.0f", shares.seconds()), String.format("%.0f", cloudCore),
                String.format("%.0f", bench), String.format("%.0f", shares.machine()),
                String.format("%.0f", shares.machine() - shares.ours()));
        out.printf("   %d msg/s CPU over %.0f s: cloudcore %.0f %%, bench JVM %.0f %%, machine %.0f %% (of %d00)%n",
                rate, shares.seconds(), cloudCore, bench, shares.machine(),
                Runtime.getRuntime().availableProcessors());
    }

    /** @return the rows so far */
    ReportTable table() {
        return table;
    }
}

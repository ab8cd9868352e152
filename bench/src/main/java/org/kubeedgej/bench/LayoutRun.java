package org.kubeedgej.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One layout of the replica benchmark, with the CloudHub benchmark's own parts: its stack started fresh, the
 * simulated edges spread over the replicas' CloudHub ports ({@link EdgeFleet}), the connection ramp
 * ({@link ConnectionRamp}), then downstream delivery at fixed rates ({@link DownstreamRun}), with CPU metered per
 * phase and every process's RSS taken at the most edges.
 */
final class LayoutRun {

    static final String BENCH_JVM = "bench JVM (edges, producer)";

    private LayoutRun() {
    }

    /**
     * @param running told of the stack once it runs and of null when it is stopped (for the shutdown hook)
     * @return what was measured
     */
    static LayoutResult run(ReplicaLayout layout, ReplicaBenchSettings settings, List<NodeIdentity> identities,
            Consumer<ReplicaStack> running, PrintStream out) throws Exception {
        out.printf("%n# %s%n", layout.label());
        long start = System.nanoTime();
        try (ReplicaStack stack = ReplicaStack.start(layout, settings, out)) {
            running.accept(stack);
            double upSeconds = (System.nanoTime() - start) / 1e9;
            BenchSettings bench = settings.bench().forCloudCores(stack.hubPorts(), stack.brokerPort());
            Map<String, Long> pids = new LinkedHashMap<>(stack.processes());
            pids.put(BENCH_JVM, ProcessHandle.current().pid());
            CpuMeter cpu = new CpuMeter(pids);
            FailureCounts failures = new FailureCounts();
            DeliveryTracker tracker = new DeliveryTracker();
            List<CloudCoreProbe> probes = stack.probes();
            try (EdgeFleet fleet = new EdgeFleet(bench, identities, failures, tracker)) {
                ConnectionRamp ramp = new ConnectionRamp(bench, fleet, probes, failures, out);
                cpu.start();
                ramp.run();
                CpuMeter.Shares rampCpu = cpu.stop();
                Map<String, Long> rss = new LinkedHashMap<>();
                pids.forEach((name, pid) -> rss.put(name, ProcStatus.rssBytes(pid)));
                DownstreamRun downstream = new DownstreamRun(bench, fleet, tracker, out);
                List<CpuMeter.Shares> rateCpu = new ArrayList<>();
                downstream.onRate(new DownstreamRun.RateListener() {
                    @Override
                    public void started(int nodes, int rate) {
                        cpu.start();
                    }

                    @Override
                    public void ended(int nodes, int rate) {
                        rateCpu.add(cpu.stop());
                    }
                });
                if (bench.downstream() && probes.stream().allMatch(CloudCoreProbe::alive)) {
                    try {
                        downstream.run();
                    } catch (jakarta.jms.JMSException e) {
                        // An overloaded broker times the producer out: a result, not a reason to lose the ramp's.
                        out.printf("   downstream stopped: the producer's broker call failed: %s%n", e.getMessage());
                    }
                }
                fleet.close();
                Thread.sleep(2000); // let the closes go out before the servers stop
                return new LayoutResult(layout, upSeconds, ramp.table(), ramp.held(), ramp.connectRate(),
                        downstream.table(), downstream.windows(), rss, rampCpu, rateCpu, failures.snapshot());
            }
        } finally {
            running.accept(null);
        }
    }
}

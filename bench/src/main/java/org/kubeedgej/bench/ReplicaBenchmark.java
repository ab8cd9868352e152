package org.kubeedgej.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 16's benchmark: edges held and downstream messages/s with two CloudCore replicas against one, on this
 * machine. For each layout ({@link ReplicaLayout}; by default one CloudCore on the standalone broker pair, then two
 * replicas on it) it starts a fresh stack ({@link ReplicaStack}) and runs the CloudHub benchmark's ramp and
 * downstream parts with the edges spread over the replicas ({@link LayoutRun}), then prints Markdown with the
 * ratios ({@link ReplicaReport}). Run by bench/run-replicas.sh. Asserts nothing: it measures.
 */
public final class ReplicaBenchmark {

    private ReplicaBenchmark() {
    }

    /** @param args {@code --name=value} options ({@link ReplicaBenchSettings}) */
    public static void main(String[] args) throws Exception {
        ReplicaBenchSettings settings = ReplicaBenchSettings.parse(args);
        PrintStream out = System.out;
        out.printf("CloudCore replicas benchmark: %s, %s, commit %s%n", Instant.now(), MachineLoad.machine(),
                settings.commit());
        out.printf("layouts %s, ports from %d, load %s, client JVM %s%n", settings.layouts(), settings.basePort(),
                MachineLoad.averages(), ManagementFactory.getRuntimeMXBean().getInputArguments());

        long t = System.nanoTime();
        List<NodeIdentity> identities = NodeCertificates.fromCaDir(settings.bench().caDir())
                .issue("bench-node-", settings.bench().maxEdges());
        out.printf("%d node certificates made in %.1f s%n", identities.size(), (System.nanoTime() - t) / 1e9);

        AtomicReference<ReplicaStack> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ReplicaStack stack = running.get();
            if (stack != null) {
                try {
                    stack.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "stop-servers"));
        List<LayoutResult> results = new CopyOnWriteArrayList<>();
        CloudHubBenchmark.startWatchdog(settings.bench().maxMinutes(),
                () -> ReplicaReport.print(settings, results, out));
        for (ReplicaLayout layout : settings.layouts()) {
            try {
                results.add(LayoutRun.run(layout, settings, identities, running::set, out));
            } catch (Exception e) {
                out.printf("%s: not measured: %s%n", layout.label(), e);
            }
        }
        ReplicaReport.print(settings, results, out);
        out.printf("%nended %s, %.1f min%n", Instant.now(), (System.nanoTime() - t) / 6e10);
        System.exit(0);
    }
}

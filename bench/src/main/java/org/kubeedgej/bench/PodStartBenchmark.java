package org.kubeedgej.bench;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Pod start latency, API create to Running in the API, over N pods on the edge node: created one after another at a
 * modest pace, then all at once; and EdgeCore's memory (RSS of its JVM, heap from its liveness check) idle, with M
 * pods running and after they are deleted, with CloudCore's for reference. Runs against {@code bin/kubeedge-j up}
 * (bench/run-pods.sh). Prints a Markdown report on stdout, progress on stderr; asserts nothing. Heap "live" is what
 * the liveness checks report: the heap left after the last collection of each pool, not the heap in use right now.
 */
public final class PodStartBenchmark {

    private PodStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchOptions.parse(args);
        int pods = Integer.parseInt(opts.getOrDefault("pods", "50"));
        int memoryPods = Integer.parseInt(opts.getOrDefault("memory-pods", "20"));
        long interval = Long.parseLong(opts.getOrDefault("interval-ms", "1000"));
        int threads = Integer.parseInt(opts.getOrDefault("burst-threads", "8"));
        Duration settle = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("settle-seconds", "15")));
        Duration runningLimit = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("running-timeout", "300")));
        Duration goneLimit = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("gone-timeout", "300")));
        String node = opts.getOrDefault("node", "edge-node");
        String kubeconfig = opts.getOrDefault("kubeconfig", ".run/kubeconfig");
        String loadAtStart = MachineLoad.averages();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        ApiClient client = Config.fromConfig(kubeconfig);
        ApiClient watchClient = Config.fromConfig(kubeconfig);
        watchClient.setReadTimeout(0);
        ServerProcessProbe edgecore = new ServerProcessProbe(Long.parseLong(opts.getOrDefault("edgecore-pid", "-1")),
                Integer.parseInt(opts.getOrDefault("edgecore-http-port", "9081")), "edgecore-heap");
        ServerProcessProbe cloudcore = new ServerProcessProbe(Long.parseLong(opts.getOrDefault("cloudcore-pid", "-1")),
                Integer.parseInt(opts.getOrDefault("cloudcore-http-port", "9080")), "cloudcore-heap");
        PodFleet fleet = new PodFleet(client, opts.getOrDefault("namespace", "default"), node,
                opts.getOrDefault("image", "busybox:latest"), Long.parseLong(opts.getOrDefault("grace-seconds", "1")));
        List<String> leftovers = fleet.remaining();
        if (!leftovers.isEmpty()) {
            progress("deleting %d pods left by an earlier run", leftovers.size());
            fleet.deleteAndAwaitGone(leftovers, goneLimit);
        }

        ReportTable latency = new ReportTable("creation", "pods", "created over s", "load 1 min", "Running",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "last Running after s", "create call p50 ms", "create errors",
                "all gone after delete s");
        ReportTable memory = new ReportTable("when", "bench pods", "edgecore RSS MiB", "edgecore heap live/max MiB",
                "edgecore threads", "cloudcore RSS MiB", "cloudcore heap live/max MiB");
        sample(memory, "idle, before the pods", 0, edgecore, cloudcore);
        int watchRestarts;
        try (PodPhaseWatch watch = new PodPhaseWatch(watchClient, fleet.namespace(), PodFleet.SELECTOR)) {
            PodStartRow sequence = new PodStartRow(fleet, watch, "one after another, 1 per " + interval + " ms",
                    "podbench-seq", pods);
            progress("creating %d pods one after another", pods);
            sequence.createInSequence(interval);
            finish(sequence, latency, runningLimit, goneLimit);
            Thread.sleep(settle.toMillis());
            sample(memory, "after the sequence was deleted", 0, edgecore, cloudcore);

            PodStartRow burst = new PodStartRow(fleet, watch, "all at once (" + threads + " threads)",
                    "podbench-burst", pods);
            progress("creating %d pods at once", pods);
            burst.createInBurst(threads);
            finish(burst, latency, runningLimit, goneLimit);
            Thread.sleep(settle.toMillis());
            sample(memory, "after the burst was deleted", 0, edgecore, cloudcore);

            PodStartRow held = new PodStartRow(fleet, watch, "memory phase: one after another, 1 per " + interval
                    + " ms", "podbench-mem", memoryPods);
            progress("creating %d pods to hold", memoryPods);
            held.createInSequence(interval);
            held.awaitRunning(runningLimit);
            Thread.sleep(settle.toMillis());
            sample(memory, memoryPods + " pods running", memoryPods, edgecore, cloudcore);
            progress("deleting the %d pods", memoryPods);
            held.deleteAll(goneLimit);
            held.addTo(latency);
            Thread.sleep(settle.toMillis());
            sample(memory, "after they were deleted", 0, edgecore, cloudcore);
            watchRestarts = watch.restarts();
        }

        System.out.println("## Pod start latency and EdgeCore memory (" + started + ")");
        System.out.println();
        System.out.printf("* machine: %d cores, %s; load average (1/5/15 min) %s at start, %s at end%n",
                Runtime.getRuntime().availableProcessors(), memTotal(), loadAtStart, MachineLoad.averages());
        System.out.printf("* commit %s, Open Liberty %s; bench JVM %s %s%n", opts.getOrDefault("commit", "?"),
                opts.getOrDefault("liberty", "?"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"));
        System.out.printf("* edgecore: %s; %s%n", edgecore.describe(), edgecore.javaVersion());
        System.out.printf("* cloudcore: %s; %s%n", cloudcore.describe(), cloudcore.javaVersion());
        System.out.printf("* pods: %s `sleep 3600` on %s, hostNetwork, IfNotPresent, grace %s s; Running seen through"
                + " one watch (reopened %d times); latency = watch event - time before the create call%n",
                opts.getOrDefault("image", "busybox:latest"), node, opts.getOrDefault("grace-seconds", "1"),
                watchRestarts);
        System.out.println();
        latency.print(System.out);
        System.out.println();
        memory.print(System.out);
        System.exit(0);
    }

    private static void finish(PodStartRow row, ReportTable latency, Duration runningLimit, Duration goneLimit)
            throws Exception {
        row.awaitRunning(runningLimit);
        progress("deleting the pods");
        row.deleteAll(goneLimit);
        row.addTo(latency);
    }

    private static void sample(ReportTable memory, String when, int pods, ServerProcessProbe edgecore,
            ServerProcessProbe cloudcore) {
        ServerProcessProbe.Sample edge = edgecore.sample();
        ServerProcessProbe.Sample cloud = cloudcore.sample();
        memory.add(when, pods, ReportTable.mib(edge.rssBytes()), heap(edge), edge.threads(),
                ReportTable.mib(cloud.rssBytes()), heap(cloud));
        progress("%s: edgecore RSS %s MiB, heap %s MiB", when, ReportTable.mib(edge.rssBytes()), heap(edge));
    }

    private static String heap(ServerProcessProbe.Sample sample) {
        return ReportTable.mib(sample.heapUsedBytes()) + "/" + ReportTable.mib(sample.heapMaxBytes());
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0) + " GiB RAM")
                    .findFirst().orElse("? RAM");
        } catch (IOException e) {
            return "? RAM";
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf("pod-start %s  %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                String.format(format, args));
    }
}

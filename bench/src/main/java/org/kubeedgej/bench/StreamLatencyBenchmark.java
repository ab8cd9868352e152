package org.kubeedgej.bench;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Round trips of {@code kubectl logs} and {@code kubectl exec} to a pod on the edge node, through the API server,
 * CloudStream's stream port, the tunnel, EdgeStream and Docker, next to the same client's plain API read (what the
 * stream path adds is the difference). Each operation runs one after another, {@code --rounds} times after three
 * warm-up calls. Runs against {@code bin/kubeedge-j up} (bench/run-streams.sh); prints a Markdown report on stdout,
 * progress on stderr; asserts nothing, but counts answers that are wrong (an exec whose output is not what was sent).
 */
public final class StreamLatencyBenchmark {

    private static final String POD = "bench-stream";
    /** A few kB as typed or piped, and a file's worth (past the ~49 kB Liberty's own TLS once misordered). */
    private static final int[] STDIN_SIZES = {10_000, 1_000_000};

    private final String kubectl;
    private final String kubeconfig;
    private final String namespace;

    private StreamLatencyBenchmark(String kubectl, String kubeconfig, String namespace) {
        this.kubectl = kubectl;
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
    }

    /** One measured operation: returns null when the answer is right, else what was wrong. */
    private interface Operation {
        String run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchOptions.parse(args);
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "30"));
        String kubeconfig = opts.getOrDefault("kubeconfig", ".run/kubeconfig");
        String namespace = opts.getOrDefault("namespace", "default");
        String node = opts.getOrDefault("node", "edge-node");
        String loadAtStart = MachineLoad.averages();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ApiClient client = Config.fromConfig(kubeconfig);
        CoreV1Api api = new CoreV1Api(client);
        StreamLatencyBenchmark bench = new StreamLatencyBenchmark(opts.getOrDefault("kubectl", "kubectl"),
                kubeconfig, namespace);

        startPod(api, namespace, node, opts.getOrDefault("image", "busybox:latest"));
        ReportTable table = new ReportTable("operation", "rounds", "wrong", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "p50 over its baseline ms");
        try {
            long apiBase = bench.measure(table, "API: read the pod (client-java)", rounds, -1, () -> {
                api.readNamespacedPod(POD, namespace).execute();
                return null;
            });
            bench.measure(table, "API: pods/log tailLines=1 (client-java)", rounds, apiBase, () -> {
                String log = api.readNamespacedPodLog(POD, namespace).container("main").tailLines(1).execute();
                return log != null && log.startsWith("line-") ? null : "log " + log;
            });
            long kubectlBase = bench.measure(table, "kubectl get pod", rounds, -1, () -> bench.kubectl(null,
                    out -> out.contains(POD), "get", "pod", POD, "--no-headers"));
            bench.measure(table, "kubectl logs --tail=1", rounds, kubectlBase, () -> bench.kubectl(null,
                    out -> out.startsWith("line-"), "logs", POD, "--tail=1"));
            bench.measure(table, "kubectl exec -- echo", rounds, kubectlBase, () -> bench.kubectl(null,
                    out -> out.equals("hi\n"), "exec", POD, "--", "echo", "hi"));
            for (int size : STDIN_SIZES) {
                byte[] input = new byte[size];
                java.util.Arrays.fill(input, (byte) 'x');
                bench.measure(table, "kubectl exec -i (" + size / 1000 + " kB stdin) -- wc -c", rounds, kubectlBase,
                        () -> bench.kubectl(input, out -> out.trim().equals(String.valueOf(size)), "exec", "-i", POD,
                                "--", "wc", "-c"));
            }
        } finally {
            api.deleteNamespacedPod(POD, namespace).gracePeriodSeconds(0).execute();
        }
        System.out.println("## Streams: kubectl logs and exec round trips");
        System.out.println();
        System.out.println("Started " + started + "; load average at start " + loadAtStart + ", at end "
                + MachineLoad.averages() + "; " + Runtime.getRuntime().availableProcessors() + " cores; commit "
                + opts.getOrDefault("commit", "?") + "; Liberty " + opts.getOrDefault("liberty", "?") + ".");
        System.out.println();
        table.print(System.out);
    }

    private static void startPod(CoreV1Api api, String namespace, String node, String image) throws Exception {
        try {
            api.deleteNamespacedPod(POD, namespace).gracePeriodSeconds(0).execute();
            progress("deleted a %s left by an earlier run", POD);
            Thread.sleep(5000);
        } catch (io.kubernetes.client.openapi.ApiException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        api.createNamespacedPod(namespace, new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name(POD).namespace(namespace).putLabelsItem("kubeedgej-bench", "stream"))
                .spec(new V1PodSpec().nodeName(node).hostNetwork(true).terminationGracePeriodSeconds(1L)
                        .addContainersItem(new V1Container().name("main").image(image).imagePullPolicy("IfNotPresent")
                                .command(List.of("sh", "-c", "i=0; while true; do echo line-$i; i=$((i+1)); sleep 1;"
                                        + " done"))))).execute();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            V1Pod pod = api.readNamespacedPod(POD, namespace).execute();
            if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
                Thread.sleep(2000); // a first log line
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("pod " + POD + " did not run on node " + node + " within 3 minutes");
    }

    /** @return the p50 in ms, for the rows that compare with it */
    private long measure(ReportTable table, String name, int rounds, long baseline, Operation operation)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            operation.run();
        }
        List<Long> millis = new ArrayList<>();
        int wrong = 0;
        for (int i = 0; i < rounds; i++) {
            long before = System.nanoTime();
            String problem;
            try {
                problem = operation.run();
            } catch (Exception e) {
                problem = e.toString();
            }
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));
            if (problem != null) {
                wrong++;
                String shown = problem;
                progress("%s: wrong answer: %s", name, shown.length() > 200 ? shown.substring(0, 200) : shown);
            }
        }
        Collections.sort(millis);
        long p50 = Long.parseLong(PodStartRow.pct(millis, 50));
        table.add(name, rounds, wrong, p50, PodStartRow.pct(millis, 90), PodStartRow.pct(millis, 99),
                millis.get(millis.size() - 1), baseline < 0 ? "(baseline)" : String.valueOf(p50 - baseline));
        progress("%s: p50 %d ms", name, p50);
        return p50;
    }

    /** Runs kubectl; null when it exits 0 and its output passes {@code check}. */
    private String kubectl(byte[] stdin, java.util.function.Predicate<String> check, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig", kubeconfig, "-n", namespace));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin);
        }
        process.getOutputStream().close();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "kubectl " + String.join(" ", args) + " did not finish within 60 s";
        }
        if (process.exitValue() != 0) {
            return "kubectl " + String.join(" ", args) + " exited " + process.exitValue();
        }
        return check.test(out) ? null : "unexpected output: " + out;
    }

    private static void progress(String format, Object... args) {
        System.err.println("run-streams: " + String.format(format, args));
    }
}

package it.org.kubeedgej.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAddress;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.Kubectl;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.StreamTestBed;
import it.org.kubeedgej.support.TestCertificates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl logs} and {@code kubectl top} for pods on an edge node, end to end with the real parts: kubectl, the
 * development API server (proxying pods/log to the Node's kubelet endpoint and metrics.k8s.io to its APIService, as
 * kube-apiserver does), CloudStream on CloudCore's stream port, the tunnel, EdgeStream, and Docker's logs and stats.
 */
class KubectlEdgePodsIT {

    private static final String NODE = "it-logs-node";
    private static final int CLOUD_HTTP = 19540;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static StreamTestBed bed;
    private static TestCertificates certs;
    private static DevCluster cluster;
    private static CoreV1Api api;
    private static Kubectl cli;

    @BeforeAll
    static void start() throws Exception {
        bed = StreamTestBed.start(NODE, CLOUD_HTTP, "logs-it");
        certs = bed.certs();
        cluster = bed.cluster();
        api = bed.api();
        cli = bed.kubectl();
        Path work = Path.of(System.getProperty("it.work.dir"), "logs-it");
        createPod("printer", "Always", container("main", "for i in 1 2 3 4 5; do echo line-$i; done;"
                + " sleep 0.2; echo err-line >&2; sleep 3600"), container("side", "echo side-says-hi; sleep 3600"));
        createPod("ticker", "Always", container("main",
                "i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.3; done"));
        createPod("restarter", "Always", container("main", "echo run-$(cat /proc/sys/kernel/random/uuid); sleep 2;"
                + " exit 3"));
        createPod("burner", "Always", container("main", "while true; do :; done")
                .resources(new io.kubernetes.client.openapi.models.V1ResourceRequirements()
                        .putLimitsItem("cpu", io.kubernetes.client.custom.Quantity.fromString("300m"))));
        awaitPod("printer", p -> running(p) == 2);
        awaitPod("ticker", p -> running(p) == 1);
        awaitPod("burner", p -> running(p) == 1);
        String registration = Files.readString(Path.of(System.getProperty("kubeedgej.root"), "bin", "lib",
                "metrics-apiservice.yaml")).replace("STREAM_PORT", String.valueOf(LibertyServer.streamPort(CLOUD_HTTP)));
        Path file = work.resolve("metrics-apiservice.yaml");
        Files.writeString(file, registration);
        kubectl("apply", "-f", file.toString());
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close(); // the busy loop must not outlive this class
        }
    }

    @Test
    void theNodesKubeletEndpointIsCloudStreamsPort() throws Exception {
        V1Node node = awaitNode(n -> n.getStatus().getDaemonEndpoints() != null
                && n.getStatus().getDaemonEndpoints().getKubeletEndpoint() != null
                && Integer.valueOf(LibertyServer.streamPort(CLOUD_HTTP))
                        .equals(n.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort()));
        assertEquals(LibertyServer.streamPort(CLOUD_HTTP),
                node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort());
    }

    @Test
    void logsShowWhatTheContainerPrintedOnStdoutAndStderr() throws Exception {
        String logs = awaitLogs(out -> out.contains("err-line"), "logs", "printer", "-c", "main");
        assertEquals("line-1\nline-2\nline-3\nline-4\nline-5\nerr-line\n", logs);
    }

    @Test
    void tailAndContainerAndTimestampsAreHonoured() throws Exception {
        awaitLogs(out -> out.contains("err-line"), "logs", "printer", "-c", "main");
        assertEquals("line-5\nerr-line\n", kubectl("logs", "printer", "-c", "main", "--tail=2"));
        assertEquals("side-says-hi\n", kubectl("logs", "printer", "-c", "side"));
        String stamped = kubectl("logs", "printer", "-c", "side", "--timestamps");
        assertTrue(stamped.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z side-says-hi\n"), stamped);
        assertEquals("line-1\nline-2\n", kubectl("logs", "printer", "-c", "main", "--limit-bytes=14"));
    }

    @Test
    void aPodOfTwoContainersNeedsOneNamed() throws Exception {
        // kubectl itself picks the first container (and says so); the API server's own rule shows with --raw.
        assertTrue(kubectlWithErrors("logs", "printer").contains("Defaulted container \"main\""));
        String refused = kubectlFailing("get", "--raw", "/api/v1/namespaces/default/pods/printer/log");
        assertTrue(refused.contains("a container name must be specified for pod printer"), refused);
        String unknown = kubectlFailing("logs", "printer", "-c", "nope");
        assertTrue(unknown.contains("container nope is not valid for pod printer"), unknown);
    }

    @Test
    void previousShowsTheAttemptBeforeARestart() throws Exception {
        V1Pod restarted = awaitPod("restarter", p -> restarts(p) >= 1);
        assertTrue(restarts(restarted) >= 1, "the container restarted: " + restarted.getStatus());
        String previous = kubectl("logs", "restarter", "--previous");
        assertTrue(previous.matches("run-[0-9a-f-]{36}\n"), previous);
        String current = awaitLogs(out -> out.startsWith("run-"), "logs", "restarter");
        assertTrue(!current.equals(previous), "the current attempt printed its own line: " + current);
    }

    @Test
    void followStreamsNewLinesUntilTheClientEndsIt() throws Exception {
        Process follow = cli.command("logs", "-f", "ticker").start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch enough = new CountDownLatch(6);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(follow.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    enough.countDown();
                }
            } catch (IOException ended) {
                // the process was stopped
            }
        });
        reader.start();
        try {
            assertTrue(enough.await(30, TimeUnit.SECONDS), "kubectl logs -f printed " + lines);
            assertTrue(follow.isAlive(), "a follow keeps streaming");
        } finally {
            follow.destroy();
            follow.waitFor(10, TimeUnit.SECONDS);
        }
        List<String> seen = List.copyOf(lines);
        int first = Integer.parseInt(seen.get(0).substring("tick-".length()));
        for (int i = 0; i < seen.size(); i++) {
            assertEquals("tick-" + (first + i), seen.get(i), "in order, none lost: " + seen);
        }
        assertTrue(kubectl("logs", "ticker", "--tail=1").startsWith("tick-"), "the node still serves logs");
    }

    @Test
    void aPodOnANodeWithoutATunnelIsRefusedWithTheReason() throws Exception {
        api.createNode(new V1Node().metadata(new V1ObjectMeta().name("it-logs-other"))
                .status(new V1NodeStatus().addAddressesItem(new V1NodeAddress().type("InternalIP")
                        .address("127.0.0.1")))).execute();
        V1Node other = api.readNode("it-logs-other").execute();
        other.getStatus().daemonEndpoints(new io.kubernetes.client.openapi.models.V1NodeDaemonEndpoints()
                .kubeletEndpoint(new io.kubernetes.client.openapi.models.V1DaemonEndpoint()
                        .port(LibertyServer.streamPort(CLOUD_HTTP))));
        api.replaceNodeStatus("it-logs-other", other).execute();
        api.createNamespacedPod("default", new V1Pod().metadata(new V1ObjectMeta().name("elsewhere"))
                .spec(new V1PodSpec().nodeName("it-logs-other").addContainersItem(
                        new V1Container().name("main").image("busybox:latest")))).execute();
        String refused = kubectlFailing("logs", "elsewhere");
        assertTrue(refused.contains("it-logs-other") && refused.contains("no stream tunnel"), refused);
    }

    @Test
    void theStreamPortRefusesAnEdgeCertificate() throws Exception {
        HttpClient asEdge = HttpClient.newBuilder().sslContext(certs.sslContextFor(NODE)).build();
        HttpResponse<String> answer = asEdge.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + LibertyServer.streamPort(CLOUD_HTTP) + "/containerLogs/default/printer/main")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, answer.statusCode(), answer.body());
        assertTrue(!answer.body().contains("line-1"), answer.body());
    }

    @Test
    void topNodeShowsTheEdgeNodesUse() throws Exception {
        String top = awaitKubectl(out -> out.contains(NODE), "top", "node", NODE);
        String[] columns = top.lines().filter(l -> l.startsWith(NODE)).findFirst().orElseThrow().trim().split("\\s+");
        assertEquals(5, columns.length, top);
        assertTrue(columns[1].matches("\\d+m?"), "CPU(cores): " + top);
        long memoryMi = Long.parseLong(columns[3].replace("Mi", ""));
        long hostUsedMi = hostMemoryInUseMi();
        assertTrue(memoryMi > hostUsedMi / 2 && memoryMi < hostUsedMi * 2, "node memory " + memoryMi
                + "Mi against the host's MemTotal-MemAvailable " + hostUsedMi + "Mi: " + top);
    }

    @Test
    void topPodShowsCpuAsDockerLimitsItAndMemoryAsDockerCountsIt() throws Exception {
        String top = awaitKubectl(out -> out.contains("burner") && out.contains("printer"), "top", "pod");
        String[] burner = top.lines().filter(l -> l.startsWith("burner ")).findFirst().orElseThrow().trim()
                .split("\\s+");
        long milliCores = Long.parseLong(burner[1].replace("m", ""));
        assertTrue(milliCores >= 150 && milliCores <= 400, "a busy loop limited to 300m by Docker: " + top);
        String containers = kubectl("top", "pod", "printer", "--containers");
        assertTrue(containers.contains("main") && containers.contains("side"), containers);
        long memoryMi = Long.parseLong(burner[2].replace("Mi", ""));
        assertTrue(memoryMi < 64, "a shell loop uses a few MiB at most: " + top);
    }

    @Test
    void metricsOfAnUnknownNodeAreNotFound() throws Exception {
        String missing = kubectlFailing("get", "--raw", "/apis/metrics.k8s.io/v1beta1/nodes/no-such-node");
        assertTrue(missing.contains("NotFound") || missing.contains("not found"), missing);
    }

    private static long hostMemoryInUseMi() throws IOException {
        long total = 0;
        long available = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                total = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("MemAvailable:")) {
                available = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return (total - available) / 1024;
    }

    private static String awaitKubectl(Predicate<String> complete, String... args) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String out = kubectlWithErrors(args);
        while (!complete.test(out) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofSeconds(2));
            out = kubectlWithErrors(args);
        }
        return out;
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static V1Container container(String name, String script) {
        return StreamTestBed.busybox(name, script);
    }

    private static void createPod(String name, String restartPolicy, V1Container... containers) throws ApiException {
        V1PodSpec spec = new V1PodSpec().nodeName(NODE).hostNetwork(true).restartPolicy(restartPolicy)
                .terminationGracePeriodSeconds(1L);
        for (V1Container c : containers) {
            spec.addContainersItem(c);
        }
        bed.track(api.createNamespacedPod("default", new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name(name).namespace("default")).spec(spec)).execute()
                .getMetadata().getUid());
    }

    private static long running(V1Pod pod) {
        return statuses(pod).stream().filter(s -> s.getState() != null && s.getState().getRunning() != null).count();
    }

    private static int restarts(V1Pod pod) {
        return statuses(pod).stream().mapToInt(V1ContainerStatus::getRestartCount).max().orElse(0);
    }

    private static List<V1ContainerStatus> statuses(V1Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
                : pod.getStatus().getContainerStatuses();
    }

    private static V1Pod awaitPod(String name, Predicate<V1Pod> condition) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        V1Pod pod = api.readNamespacedPod(name, "default").execute();
        while (!condition.test(pod) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(250));
            pod = api.readNamespacedPod(name, "default").execute();
        }
        return pod;
    }

    private static V1Node awaitNode(Predicate<V1Node> condition) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        V1Node node = api.readNode(NODE).execute();
        while (!condition.test(node) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(250));
            node = api.readNode(NODE).execute();
        }
        return node;
    }

    /** The container may not have printed everything yet when the pod turns Running. */
    private static String awaitLogs(Predicate<String> complete, String... args) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String out = kubectl(args);
        while (!complete.test(out) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(300));
            out = kubectl(args);
        }
        return out;
    }

    private static String kubectl(String... args) throws IOException, InterruptedException {
        return cli.ok(args);
    }

    private static String kubectlWithErrors(String... args) throws IOException, InterruptedException {
        return cli.withErrors(args);
    }

    private static String kubectlFailing(String... args) throws IOException, InterruptedException {
        return cli.failing(args);
    }
}

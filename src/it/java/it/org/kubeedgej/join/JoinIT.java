package it.org.kubeedgej.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three edges join as a user joins them on other hosts: each runs the edge package's {@code bin/kubeedge-j join}
 * with a token from {@code gettoken}'s Secret, in a network namespace of its own that reaches CloudCore over a veth
 * link (src/it/scripts/edge-host.sh, loopback-range addresses). All three become Ready and run a pod. CloudCore signs
 * certificates for one minute here, so every edge renews its certificate during the test (at 70-90 % of its life)
 * and must stay connected and keep receiving what the cloud sends.
 */
class JoinIT {

    private static final Logger LOG = Logger.getLogger(JoinIT.class.getName());
    private static final int HTTP_PORT = 19860;
    private static final int HUB_PORT = HTTP_PORT + 1000;
    private static final int CERT_PORT = HTTP_PORT + 2000;
    private static final int EDGES = 3;
    private static final Duration WAIT = Duration.ofSeconds(180);

    private static Path root;
    private static Path work;
    private static Path dist;
    private static boolean namespaces;
    private static DevCluster cluster;
    private static CoreV1Api api;
    private static LibertyServer cloudcore;
    private static final List<String> joined = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        root = Path.of(System.getProperty("kubeedgej.root"));
        work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "join-it"));
        namespaces = run(List.of(script().toString(), "check"), Map.of()) == 0;
        if (!namespaces) {
            LOG.warning("JoinIT: network namespaces cannot be made here (not root, or no iproute2); the edges join over"
                    + " loopback with ports of their own instead: a FALLBACK, not separate hosts");
        }
        Path certs = work.resolve("certs");
        certgen("ca", certs);
        List<String> server = new ArrayList<>(List.of("server", certs.toString()));
        for (int i = 1; i <= EDGES; i++) {
            server.addAll(List.of("--ip", "127.78." + i + ".1"));
        }
        assertEquals(0, run(prepend(root.resolve("certs/certgen.sh").toString(), server), Map.of()));
        dist = unpackEdgePackage();
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.toString(),
                "CLOUDHUB_HOST", namespaces ? "0.0.0.0" : "127.0.0.1",
                "MODULES_CLOUDHUB_EDGECERTSIGNINGDURATION", "60s"));
        String token = awaitToken();
        for (int i = 1; i <= EDGES; i++) {
            join(i, token);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (String edge : joined) {
            int i = Integer.parseInt(edge.substring(edge.lastIndexOf('-') + 1));
            run(edgeCommand(i, List.of("reset", "--force")), edgeEnv(i));
            if (namespaces) {
                run(List.of(script().toString(), "delete", "kej-edge-" + i), Map.of());
            }
        }
        Stoppables.stopAll(cloudcore, cluster);
    }

    @Test
    void joinedEdgesAreReadyRunPodsAndRenewTheirCertificatesWithoutLosingAnything() throws Exception {
        List<BigInteger> firstSerials = new ArrayList<>();
        for (int i = 1; i <= EDGES; i++) {
            awaitReady("edge-" + i);
            V1Node node = api.readNode("edge-" + i).execute();
            assertEquals("", node.getMetadata().getLabels().get("node-role.kubernetes.io/edge"));
            firstSerials.add(certificate(i).getSerialNumber());
            api.createNamespacedPod("default", pod("before-" + i, "edge-" + i)).execute();
        }
        for (int i = 1; i <= EDGES; i++) {
            awaitRunning("before-" + i);
        }
        // Certificates live a minute here: each edge renews at 70-90 % of its life and reconnects with the new one.
        for (int i = 1; i <= EDGES; i++) {
            int edge = i;
            awaitTrue(() -> !certificate(edge).getSerialNumber().equals(firstSerials.get(edge - 1)),
                    "edge-" + edge + " renewed its certificate");
            assertNotEquals(firstSerials.get(i - 1), certificate(i).getSerialNumber());
        }
        for (int i = 1; i <= EDGES; i++) {
            api.createNamespacedPod("default", pod("after-" + i, "edge-" + i)).execute();
        }
        for (int i = 1; i <= EDGES; i++) {
            awaitRunning("after-" + i);
            assertEquals("True", ready("edge-" + i), "edge-" + i + " stayed Ready across its renewals");
        }
        String log = Files.readString(cloudcore.messagesLog());
        for (int i = 1; i <= EDGES; i++) {
            assertTrue(log.contains("signed a certificate for edge node edge-" + i + " (renewal)"), "edge-" + i);
        }
        for (String name : Stream.of("before-", "after-").flatMap(p -> Stream.of(1, 2, 3).map(i -> p + i)).toList()) {
            api.deleteNamespacedPod(name, "default").execute();
        }
    }

    private static void join(int i, String token) throws Exception {
        if (namespaces) {
            assertEquals(0, run(List.of(script().toString(), "create", "kej-edge-" + i, String.valueOf(i)), Map.of()));
        }
        String cloud = namespaces ? "127.78." + i + ".1" : "127.0.0.1";
        List<String> join = List.of("join", "--cloudcore-ipport=" + cloud + ":" + HUB_PORT,
                "--certport=" + CERT_PORT, "--token=" + token, "--edgenode-name=edge-" + i);
        joined.add("edge-" + i);
        int code = run(edgeCommand(i, join), edgeEnv(i));
        assertEquals(0, code, "join of edge-" + i + " failed; see " + work.resolve("edge-" + i + ".out"));
    }

    /** The edge package's launcher, inside the edge's namespace when there is one. */
    private static List<String> edgeCommand(int i, List<String> args) {
        List<String> command = new ArrayList<>();
        if (namespaces) {
            command.addAll(List.of("ip", "netns", "exec", "kej-edge-" + i));
        }
        command.add(dist.resolve("bin/kubeedge-j").toString());
        command.addAll(args);
        return command;
    }

    private static Map<String, String> edgeEnv(int i) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "KUBEEDGEJ_EDGE_DIR", work.resolve("edge-" + i).toString(),
                "DOCKER_HOST", System.getenv().getOrDefault("DOCKER_HOST", ""),
                "KUBEEDGEJ_JOIN_TIMEOUT", "240"));
        if (!namespaces) {
            // Loopback fallback: one network stack, so each edge needs ports of its own.
            int base = 26400 + 10 * i; // below the ephemeral range, as LibertyServer explains
            env.put("EDGECORE_HTTP_PORT", String.valueOf(base));
            env.put("MODULES_METAMANAGER_METASERVER_SERVER", "127.0.0.1:" + (base + 1));
            env.put("MODULES_SERVICEBUS_PORT", String.valueOf(base + 2));
            env.put("MODULES_EVENTBUS_MQTTSERVERINTERNAL", "tcp://127.0.0.1:" + (base + 3));
            env.put("MODULES_EVENTBUS_MQTTSERVEREXTERNAL", "tcp://127.0.0.1:" + (base + 3));
        }
        return env;
    }

    private static X509Certificate certificate(int i) throws Exception {
        byte[] pem = Files.readAllBytes(work.resolve("edge-" + i).resolve("certs/server.crt"));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem));
    }

    private static Path unpackEdgePackage() throws Exception {
        Path target = root.resolve("edge-dist/target");
        Path archive;
        try (Stream<Path> files = Files.list(target)) {
            archive = files.filter(p -> p.getFileName().toString().matches("kubeedge-j-edge-.*\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new AssertionError("no edge package in " + target
                            + "; the build makes it (edge-dist)"));
        }
        Path into = work.resolve("package");
        Files.createDirectories(into);
        assertEquals(0, run(List.of("tar", "xzf", archive.toString(), "-C", into.toString()), Map.of()));
        try (Stream<Path> dirs = Files.list(into)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static String awaitToken() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return new String(api.readNamespacedSecret("tokensecret", "kubeedge").execute().getData()
                        .get("tokendata"), StandardCharsets.US_ASCII);
            } catch (ApiException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("CloudCore made no join token (Secret kubeedge/tokensecret)", e);
                }
                Http.pause(Duration.ofMillis(500));
            }
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Http.pause(Duration.ofSeconds(1));
        }
    }

    private static void awaitReady(String node) throws Exception {
        awaitTrue(() -> "True".equals(ready(node)), node + " Ready");
    }

    private static String ready(String node) throws Exception {
        try {
            V1Node n = api.readNode(node).execute();
            return n.getStatus() == null || n.getStatus().getConditions() == null ? "" : n.getStatus().getConditions()
                    .stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse("");
        } catch (ApiException e) {
            return "";
        }
    }

    private static void awaitRunning(String pod) throws Exception {
        awaitTrue(() -> {
            V1Pod p = api.readNamespacedPod(pod, "default").execute();
            return p.getStatus() != null && "Running".equals(p.getStatus().getPhase());
        }, "pod " + pod + " Running");
    }

    private static V1Pod pod(String name, String node) {
        return new V1Pod().apiVersion("v1").kind("Pod").metadata(new V1ObjectMeta().name(name).namespace("default"))
                .spec(new V1PodSpec().nodeName(node).restartPolicy("Always").addContainersItem(new V1Container()
                        .name("main").image("busybox:latest").imagePullPolicy("Never")
                        .command(List.of("sleep", "3600"))));
    }

    private static Path script() {
        return root.resolve("src/it/scripts/edge-host.sh");
    }

    private static void certgen(String command, Path dir) throws Exception {
        assertEquals(0, run(List.of(root.resolve("certs/certgen.sh").toString(), command, dir.toString()), Map.of()));
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static int run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        String name = command.stream().filter(a -> a.startsWith("--edgenode-name=")).findFirst()
                .map(a -> a.substring("--edgenode-name=".length())).orElse("cmd-" + System.nanoTime());
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".out").toFile()));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return process.exitValue();
    }
}

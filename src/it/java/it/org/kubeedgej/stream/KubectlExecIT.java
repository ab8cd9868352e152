package it.org.kubeedgej.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.Kubectl;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.StreamTestBed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl exec} and {@code kubectl attach} on an edge pod, end to end with the real parts: kubectl (its
 * WebSocket try refused, then SPDY/3.1), the development API server proxying the upgrade to the Node's kubelet
 * endpoint, CloudStream's stream port, the tunnel, EdgeStream's remote command session and Docker's exec.
 */
class KubectlExecIT {

    private static final String NODE = "it-exec-node";
    private static final int CLOUD_HTTP = 19560;
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The kubelet's streaming idle timeout, short here so a quiet session's end can be seen. */
    private static final int IDLE_SECONDS = 8;

    private static StreamTestBed bed;
    private static CoreV1Api api;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        bed = StreamTestBed.start(NODE, CLOUD_HTTP, "exec-it",
                "MODULES_EDGED_TAILOREDKUBELETCONFIG_STREAMINGCONNECTIONIDLETIMEOUT", IDLE_SECONDS + "s");
        api = bed.api();
        kubectl = bed.kubectl();
        createPod("shell", container("main", "sleep 3600"), container("side", "sleep 3600"));
        createPod("talker", container("main", "i=0; while true; do echo said-$i; i=$((i+1)); sleep 0.3; done"));
        awaitRunning("shell", 2);
        awaitRunning("talker", 1);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void execRunsTheCommandInTheNamedContainer() throws Exception {
        assertEquals("hello from main\n", kubectl.ok("exec", "shell", "-c", "main", "--", "echo", "hello from main"));
        String hostname = kubectl.ok("exec", "shell", "-c", "side", "--", "sh", "-c", "echo $0-$#", "x", "a b");
        assertEquals("x-1\n", hostname, "each word of the command arrives as one argument");
    }

    @Test
    void execPassesStderrAndTheExitCode() throws Exception {
        Kubectl.Ran ran = kubectl.run(true, "exec", "shell", "-c", "main", "--", "sh", "-c",
                "echo to-out; echo to-err >&2; exit 3");
        assertEquals(3, ran.exit(), ran.text());
        assertTrue(ran.text().contains("to-out") && ran.text().contains("to-err"), ran.text());
        Kubectl.Ran quiet = kubectl.run(false, "exec", "shell", "-c", "main", "--", "sh", "-c",
                "echo to-out; echo to-err >&2; exit 3");
        assertEquals("to-out\n", quiet.text(), "stderr comes on its own stream");
    }

    @Test
    void execWithStdinReadsItToTheEnd() throws Exception {
        byte[] input = new byte[300_000];
        new Random(42).nextBytes(input);
        Kubectl.Ran ran = kubectl.run(input, false, "exec", "-i", "shell", "-c", "main", "--", "sha256sum");
        assertEquals(0, ran.exit(), ran.text());
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        assertEquals(expected, ran.text().split(" ")[0], "every byte of stdin arrived, then its end");
    }

    @Test
    void execWithAFewKilobytesOfStdinReadsThemToTheEnd() throws Exception {
        for (int size : new int[] {1, 8_000}) {
            byte[] input = new byte[size];
            new Random(size).nextBytes(input);
            Kubectl.Ran ran = kubectl.run(input, false, "exec", "-i", "shell", "-c", "main", "--", "sha256sum");
            assertEquals(0, ran.exit(), ran.text());
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
            assertEquals(expected, ran.text().split(" ")[0], size + " bytes of stdin arrived, then its end");
        }
    }

    @Test
    void execWithATerminalRunsTheCommandOnOne() throws Exception {
        Kubectl.Ran ran = kubectl.runInTerminal("exec", "-i", "-t", "shell", "-c", "main", "--", "sh", "-c",
                "tty; test -t 1 && echo stdout-is-a-terminal");
        assertEquals(0, ran.exit(), ran.text());
        assertTrue(ran.text().contains("/dev/pts/"), "the process has a terminal: " + ran.text());
        assertTrue(ran.text().contains("stdout-is-a-terminal"), ran.text());
        Kubectl.Ran plain = kubectl.run(false, "exec", "shell", "-c", "main", "--", "sh", "-c", "tty");
        assertTrue(plain.text().contains("not a tty"), "without -t there is none: " + plain.text());
    }

    @Test
    void aSessionQuietPastTheIdleTimeoutIsEndedAndOneWithDataIsNot() throws Exception {
        Kubectl.Ran quiet = kubectl.run(true, "exec", "shell", "-c", "main", "--", "sleep", "45");
        assertNotEquals(0, quiet.exit(), "ended before its 45 s sleep: " + quiet.text());
        assertTrue(quiet.text().contains("idle timeout"), quiet.text());
        Kubectl.Ran talking = kubectl.run(false, "exec", "shell", "-c", "main", "--", "sh", "-c",
                "i=0; while [ $i -lt " + (IDLE_SECONDS + 4) + " ]; do echo $i; i=$((i+1)); sleep 1; done");
        assertEquals(0, talking.exit(), talking.text());
        assertEquals(IDLE_SECONDS + 4, talking.text().lines().count(), "it ran past the timeout: " + talking.text());
    }

    @Test
    void execOutputLargerThanSpdysWindowArrivesWhole() throws Exception {
        String out = kubectl.ok("exec", "shell", "-c", "main", "--", "sh", "-c",
                "head -c 500000 /dev/zero | tr '\\0' x");
        assertEquals(500_000, out.length());
        assertTrue(out.chars().allMatch(c -> c == 'x'));
    }

    @Test
    void execInAContainerThePodDoesNotHaveIsRefused() throws Exception {
        String refused = kubectl.failing("exec", "shell", "-c", "nosuch", "--", "true");
        assertTrue(refused.contains("nosuch") && refused.contains("not valid"), refused);
        String missing = kubectl.failing("exec", "shell", "-c", "main", "--", "/no/such/binary");
        assertTrue(missing.contains("no/such/binary") || missing.contains("exit code"), missing);
    }

    @Test
    void attachStreamsTheMainProcessOutput() throws Exception {
        Process attach = kubectl.command("attach", "talker").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(attach.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> seen = new ArrayList<>();
            String line;
            while (seen.size() < 3 && (line = out.readLine()) != null) {
                if (line.startsWith("said-")) {
                    seen.add(line);
                }
            }
            assertEquals(3, seen.size(), "kubectl attach printed " + seen);
            int first = Integer.parseInt(seen.get(0).substring("said-".length()));
            assertEquals(List.of("said-" + first, "said-" + (first + 1), "said-" + (first + 2)), seen);
        } finally {
            attach.destroy();
            attach.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals("still\n", kubectl.ok("exec", "talker", "--", "echo", "still"), "the node serves on");
    }

    @Test
    void anUnknownPodSubresourceIsNotFound() throws Exception {
        String answer = kubectl.failing("get", "--raw", "/api/v1/namespaces/default/pods/shell/nonsense");
        assertTrue(answer.contains("NotFound") || answer.contains("not found"), answer);
        String plain = kubectl.failing("get", "--raw", "/api/v1/namespaces/default/pods/shell/exec?command=true");
        assertTrue(plain.contains("Upgrade request required"), plain);
    }

    // --- the stream port's own TLS front ------------------------------------------------------------

    @Test
    void theStreamPortRefusesAClientWithoutACertificate() {
        SSLContext noCertificate = bed.certs().sslContextFor(null);
        assertThrows(IOException.class, () -> {
            try (SSLSocket socket = (SSLSocket) noCertificate.getSocketFactory().createSocket("127.0.0.1",
                    LibertyServer.streamPort(CLOUD_HTTP))) {
                socket.setSoTimeout(30_000);
                socket.startHandshake();
                socket.getOutputStream().write("GET /containerLogs/default/shell/main HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() < 0) {
                    throw new IOException("closed without an answer");
                }
            }
        }, "TLS 1.3 fails the handshake after the fact; either way nothing is answered");
    }

    @Test
    void theBackendPortAnswersNothingThatDidNotComeThroughTheStreamPort() throws Exception {
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + (CLOUD_HTTP + 9000) + "/containerLogs/default/talker/main"))
                .header("X-KubeEdgeJ-Stream-Client", "guessed kube-apiserver-kubelet-client").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), forged.body());
        assertFalse(forged.body().contains("said-"), forged.body());
    }

    @Test
    void aHeadThatIsTooLongOrNeverEndsIsRefusedAndTheConnectionClosed() throws Exception {
        try (SSLSocket socket = apiServerSocket()) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /containerLogs/default/talker/main HTTP/1.1\r\nX-Padding: " + "a".repeat(20_000)
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
        }
        try (SSLSocket socket = apiServerSocket()) {
            socket.getOutputStream().write("GET /containerLogs/default/talker/main HTTP/1.1\r\nHost: x\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            // The front allows 10 s for a head; the socket's own timeout is only the test's guard against a hang.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 408 "), "a held, unfinished head is cut off: " + answer);
        }
        assertEquals("still\n", kubectl.ok("exec", "shell", "--", "echo", "still"), "the port serves on");
    }

    private static SSLSocket apiServerSocket() throws IOException {
        SSLSocket socket = (SSLSocket) bed.certs().sslContextForApiServer().getSocketFactory()
                .createSocket("127.0.0.1", LibertyServer.streamPort(CLOUD_HTTP));
        socket.setSoTimeout(60_000);
        socket.startHandshake();
        return socket;
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static V1Container container(String name, String script) {
        return StreamTestBed.busybox(name, script);
    }

    private static void createPod(String name, V1Container... containers) throws ApiException {
        V1PodSpec spec = new V1PodSpec().nodeName(NODE).hostNetwork(true).restartPolicy("Always")
                .terminationGracePeriodSeconds(1L).containers(List.of(containers));
        bed.track(api.createNamespacedPod("default", new V1Pod().metadata(new V1ObjectMeta().name(name)
                .namespace("default")).spec(spec)).execute().getMetadata().getUid());
    }

    private static void awaitRunning(String name, int containers) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            V1Pod pod = api.readNamespacedPod(name, "default").execute();
            List<V1ContainerStatus> statuses = pod.getStatus() == null
                    || pod.getStatus().getContainerStatuses() == null ? List.of()
                    : pod.getStatus().getContainerStatuses();
            if (statuses.stream().filter(s -> s.getState() != null && s.getState().getRunning() != null)
                    .count() == containers) {
                return;
            }
            Http.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("pod " + name + " did not run " + containers + " containers within " + WAIT);
    }
}

package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** httpGet and tcpSocket against a JDK HttpServer and a ServerSocket on loopback port 0; exec on a fake runtime. */
final class ContainerProberTest {

    private static final ProbeTarget HOST_NET = new ProbeTarget(new PodRef("default", "p", "u", true), "main", "c1");
    private static final ProbeTarget NO_NET = new ProbeTarget(new PodRef("default", "p", "u", false), "main", "c1");

    private final AtomicReference<ExecResult> execAnswer = new AtomicReference<>();
    private final AtomicReference<List<String>> execCommand = new AtomicReference<>();
    private final ContainerProber underTest = new ContainerProber(new ExecOnlyRuntime());
    private final AtomicReference<String> userAgent = new AtomicReference<>();
    private final AtomicReference<String> custom = new AtomicReference<>();
    private HttpServer server;
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", ex -> {
            userAgent.set(ex.getRequestHeaders().getFirst("User-Agent"));
            custom.set(ex.getRequestHeaders().getFirst("X-Probe"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/fail", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "http://example.com/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void httpGetPassesFrom200To399AndSendsTheKubeletsHeaders() {
        assertTrue(underTest.probe(HOST_NET, http("", "/ok", Map.of("X-Probe", "yes"))).success());
        assertEquals(ContainerProber.USER_AGENT, userAgent.get());
        assertEquals("yes", custom.get());
        assertTrue(underTest.probe(HOST_NET, http("", "/moved", Map.of())).success(), "redirects are not followed");
        ProbeResult failed = underTest.probe(HOST_NET, http("127.0.0.1", "/fail", Map.of()));
        assertFalse(failed.success());
        assertEquals("HTTP probe failed with statuscode: 500", failed.message());
        assertTrue(underTest.probe(HOST_NET, http("localhost", "/ok", Map.of())).success());
    }

    @Test
    void httpGetTimesOutAndRefusedConnectionsFail() throws IOException {
        long start = System.nanoTime();
        ProbeResult slow = underTest.probe(HOST_NET, http("", "/slow", Map.of()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(slow.success());
        assertTrue(slow.message().contains("timed out"), slow.message());
        assertTrue(millis < 2500, "bounded by timeoutSeconds (1 s), took " + millis + " ms");

        ProbeResult refused = underTest.probe(HOST_NET, tcp("", closedPort()));
        assertFalse(refused.success());
        assertTrue(refused.message().startsWith("tcpSocket 127.0.0.1:"), refused.message());
    }

    @Test
    void tcpSocketPassesWhenAConnectionOpens() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(underTest.probe(HOST_NET, tcp("", listening.getLocalPort())).success());
        }
    }

    @Test
    void onlyLoopbackTargetsAreProbed() {
        for (String host : List.of("10.1.2.3", "192.168.0.1", "example.com", "172.17.0.2")) {
            ProbeResult r = underTest.probe(HOST_NET, http(host, "/ok", Map.of()));
            assertFalse(r.success(), host);
            assertTrue(r.message().contains("refused: only loopback"), r.message());
        }
        assertNull(ContainerProber.loopback("kubernetes.default"), "names are never resolved");
        assertTrue(ContainerProber.loopback("127.0.0.2").isLoopbackAddress());
        assertTrue(ContainerProber.loopback("[::1]").isLoopbackAddress());
        ProbeResult noNetwork = underTest.probe(NO_NET, http("", "/ok", Map.of()));
        assertTrue(noNetwork.message().contains("hostNetwork: true"), noNetwork.message());
    }

    @Test
    void execPassesOnExitCodeZeroAndReportsOutputOrTimeout() {
        ProbeSpec spec = new ProbeSpec(ProbeType.LIVENESS, ProbeSpec.Action.EXEC, List.of("cat", "/tmp/healthy"), "",
                "", 0, "", Map.of(), Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3, null);
        execAnswer.set(new ExecResult(0, "", false));
        assertTrue(underTest.probe(HOST_NET, spec).success());
        assertEquals(List.of("cat", "/tmp/healthy"), execCommand.get());
        execAnswer.set(new ExecResult(1, "cat: can't open '/tmp/healthy': No such file or directory", false));
        assertEquals("cat: can't open '/tmp/healthy': No such file or directory",
                underTest.probe(HOST_NET, spec).message());
        execAnswer.set(ExecResult.timeout(""));
        assertTrue(underTest.probe(HOST_NET, spec).message().contains("timed out after 1s"));
        execAnswer.set(new ExecResult(2, "", false));
        assertTrue(underTest.probe(HOST_NET, spec).message().contains("exited with 2"));
    }

    @Test
    void aProbeWithAProblemFailsWithIt() {
        ProbeSpec broken = new ProbeSpec(ProbeType.READINESS, ProbeSpec.Action.HTTP_GET, List.of(), "HTTP", "", 0,
                "/", Map.of(), Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3, "no such port");
        assertEquals("no such port", underTest.probe(HOST_NET, broken).message());
    }

    private ProbeSpec http(String host, String path, Map<String, String> headers) {
        return new ProbeSpec(ProbeType.READINESS, ProbeSpec.Action.HTTP_GET, List.of(), "HTTP", host, port, path,
                headers, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3, null);
    }

    private static ProbeSpec tcp(String host, int port) {
        return new ProbeSpec(ProbeType.LIVENESS, ProbeSpec.Action.TCP_SOCKET, List.of(), "", host, port, "", Map.of(),
                Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3, null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Only exec is used by the prober. */
    private final class ExecOnlyRuntime implements ContainerRuntime {
        @Override
        public ExecResult exec(String containerId, List<String> command, Duration timeout) {
            execCommand.set(command);
            return execAnswer.get();
        }

        @Override
        public ImageCheck ensureImage(String image, String pullPolicy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String createAndStart(ContainerSpec spec, int restartCount) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ContainerState> listPodContainers(String podUid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop(String containerId, int graceSeconds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String containerId) {
            throw new UnsupportedOperationException();
        }
    }
}

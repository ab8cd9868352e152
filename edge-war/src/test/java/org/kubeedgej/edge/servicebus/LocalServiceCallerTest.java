package org.kubeedgej.edge.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
final class LocalServiceCallerTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService serverThreads;
    private HttpServer service;
    private int port;
    private LocalServiceCaller underTest;

    @BeforeEach
    void setUp() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        service.createContext("/echo", e -> {
            String text = e.getRequestMethod() + " " + e.getRequestURI() + " x-k=" + e.getRequestHeaders()
                    .getFirst("X-K") + " body=" + new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            e.getResponseHeaders().set("X-Served-By", "echo");
            send(e, 200, text);
        });
        service.createContext("/missing", e -> send(e, 404, "no such thing"));
        service.createContext("/big", e -> send(e, 200, "x".repeat(2000)));
        service.createContext("/slow", e -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            send(e, 200, "late");
        });
        serverThreads = Executors.newFixedThreadPool(4);
        service.setExecutor(serverThreads);
        service.start();
        port = service.getAddress().getPort();
        underTest = new LocalServiceCaller(Duration.ofSeconds(1), 1000);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        service.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void callReachesTheLoopbackServiceWithMethodHeadersAndBody() {
        ServiceBusMessages.Response response = underTest.call(port + ":/echo/a?q=1", request("PUT", "hello"));
        assertEquals(200, response.statusCode());
        assertEquals("PUT /echo/a?q=1 x-k=v body=hello", response.bodyText());
        assertTrue(response.header().entrySet().stream()
                .anyMatch(h -> h.getKey().equalsIgnoreCase("X-Served-By") && h.getValue().equals(List.of("echo"))));
    }

    @Test
    void serviceStatusPassesThrough() {
        ServiceBusMessages.Response response = underTest.call(port + ":/missing", request("GET", ""));
        assertEquals(404, response.statusCode());
        assertEquals("no such thing", response.bodyText());
    }

    @Test
    void connectionRefusedIs502() throws IOException {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = socket.getLocalPort();
        }
        ServiceBusMessages.Response response = underTest.call(free + ":/x", request("GET", ""));
        assertEquals(502, response.statusCode());
        assertTrue(response.bodyText().contains("connection refused"), response.bodyText());
        assertEquals(Map.of("Server", List.of("kubeedge-edgecore")), response.header());
    }

    @Test
    void slowServiceIs504() {
        long start = System.nanoTime();
        ServiceBusMessages.Response response = underTest.call(port + ":/slow", request("GET", ""));
        assertEquals(504, response.statusCode());
        assertTrue(response.bodyText().contains("within 1 s"), response.bodyText());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the timeout must bound the wait");
    }

    @Test
    void bodyOverTheCapIs413() {
        ServiceBusMessages.Response response = underTest.call(port + ":/big", request("GET", ""));
        assertEquals(413, response.statusCode());
        assertTrue(response.bodyText().contains("response body too large"), response.bodyText());
        assertEquals(200, new LocalServiceCaller(Duration.ofSeconds(1), 2000).call(port + ":/big",
                request("GET", "")).statusCode(), "exactly at the cap is fine");
    }

    @Test
    void badResourcesAre400AndNeverLeaveLoopback() {
        assertEquals(400, underTest.call("99999:/x", request("GET", "")).statusCode());
        assertEquals(400, underTest.call("0:/x", request("GET", "")).statusCode());
        assertEquals(400, underTest.call(port + ":/with space", request("GET", "")).statusCode());
        assertEquals(400, underTest.call(port + ":/echo", request("BAD METHOD", "")).statusCode());
        assertFalse(LocalServiceCaller.targetOf("evil.example:80/x").isPresent());
        assertFalse(LocalServiceCaller.targetOf("8080:x").isPresent());
        assertEquals("127.0.0.1", LocalServiceCaller.targetOf("8080://evil.example/x").orElseThrow().getHost());
        assertEquals("127.0.0.1", LocalServiceCaller.targetOf("8080:/@evil.example/x").orElseThrow().getHost());
    }

    private static ServiceBusMessages.Request request(String method, String body) {
        return new ServiceBusMessages.Request(method, Map.of("X-K", List.of("v"), "Host", List.of("evil.example")),
                body.getBytes(StandardCharsets.UTF_8), "");
    }

    private static void send(HttpExchange e, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }
}

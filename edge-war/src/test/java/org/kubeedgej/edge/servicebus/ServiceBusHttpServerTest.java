package org.kubeedgej.edge.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.BindException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kubeedgej.shared.model.Message;

@Timeout(20)
final class ServiceBusHttpServerTest {

    private static final String ALLOWED = "http://cloud.example/api/temp";

    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private ServiceBusHttpServer underTest;

    @BeforeEach
    void setUp() throws IOException {
        TargetUrlAllowList allowList = new TargetUrlAllowList();
        allowList.add(ALLOWED);
        underTest = ServiceBusHttpServer.start(0, allowList, 1000, sent::add, Executors.defaultThreadFactory());
    }

    @AfterEach
    void tearDown() {
        underTest.stop();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals("127.0.0.1", underTest.address().getAddress().getHostAddress());
    }

    @Test
    void allowedTargetGoesUpAsUploadAndTheAppGets202() throws Exception {
        String body = "{\"targetURL\":\"" + ALLOWED + "\",\"method\":\"POST\",\"payload\":{\"t\":21}}";
        HttpResponse<String> response = post(body);
        assertEquals(202, response.statusCode());
        assertEquals("sent", json(response.body()).getString("status"));
        assertEquals(1, sent.size());
        Message upload = sent.get(0);
        assertEquals("servicebus", upload.route().source());
        assertEquals("user", upload.route().group());
        assertEquals("upload", upload.route().operation());
        assertEquals(ALLOWED, upload.route().resource());
        assertEquals(json(body), upload.content());
    }

    @Test
    void targetNotOnTheListIs403() throws Exception {
        HttpResponse<String> response = post("{\"targetURL\":\"http://elsewhere.example/\"}");
        assertEquals(403, response.statusCode());
        assertEquals("target URL http://elsewhere.example/ is not on ServiceBus's allow-list"
                + " (modules.serviceBus.targetURLs)", json(response.body()).getString("error"));
        assertTrue(sent.isEmpty());
    }

    @Test
    void malformedJsonOrMissingTargetIs400() throws Exception {
        assertEquals(400, post("{not json").statusCode());
        assertEquals(400, post("[\"" + ALLOWED + "\"]").statusCode());
        assertEquals(400, post("{\"targetURL\":42}").statusCode());
        HttpResponse<String> response = post("{\"method\":\"POST\"}");
        assertEquals(400, response.statusCode());
        assertTrue(json(response.body()).getString("error").contains("targetURL"));
        assertTrue(sent.isEmpty());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "{\"targetURL\":\"" + ALLOWED + "\",\"payload\":\"" + "x".repeat(1000) + "\"}";
        // Declared up front: refused before the body is read.
        try (Socket socket = new Socket(underTest.address().getAddress(), underTest.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + 5_000_001L + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // No body follows: half-close so the server's drain of the unread body ends instead of waiting.
            socket.shutdownOutput();
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
            assertTrue(reply.contains("larger than 1000 bytes"), reply);
        }
        // Sent in chunks, with no length: refused once the cap is passed.
        HttpRequest chunked = HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build();
        assertEquals(413, client.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertTrue(sent.isEmpty());
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void portInUseIsABindException() {
        int taken = underTest.address().getPort();
        BindException e = assertThrows(BindException.class,
                () -> ServiceBusHttpServer.start(taken, new TargetUrlAllowList(), 1000, m -> { },
                        Executors.defaultThreadFactory()));
        assertTrue(e.getMessage() != null);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + underTest.address().getPort() + "/");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void stalledClientsAreCutOffAndDoNotBlockOthers() throws Exception {
        java.util.List<Socket> stalled = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket socket = new Socket(underTest.address().getAddress(), underTest.address().getPort());
                // Half stall in their headers, half in a body shorter than its Content-Length (a slow body).
                String stall = i % 2 == 0 ? "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        : "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"targetURL\":";
                socket.getOutputStream().write(stall.getBytes());
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            // sun.net.httpserver.maxReqTime (2 s in the tests, 10 s in jvm.options) bounds headers and body alike...
            for (Socket socket : stalled) {
                socket.setSoTimeout(15_000);
                int read;
                try {
                    read = socket.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    read = -1; // closed with a reset: cut off all the same
                }
                assertEquals(-1, read, "a stalled request is closed by the server");
            }
            // ...and the server answers again.
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + underTest.address().getPort() + "/")).timeout(java.time.Duration.ofSeconds(10))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(400, answer.statusCode(), answer.body());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }
}

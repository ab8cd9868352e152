package it.org.kubeedgej.cloudhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CloudHub in the packaged cloudcore, against stand-in edge nodes holding certificates from certs/certgen.sh:
 * who may connect, one session per node, the node limit, keepalive, and bad input that must not hurt anyone else.
 */
class CloudHubIT {

    private static final int HTTP_PORT = 19180;
    private static final int HUB_PORT = 19100;
    private static final int NODE_LIMIT = 3;
    private static final int KEEPALIVE_SECONDS = 4;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final String KEEPALIVE = "{\"header\":{\"msg_id\":\"k-%d\",\"timestamp\":1700000000000},"
            + "\"route\":{\"source\":\"websocket\",\"group\":\"resource\",\"operation\":\"keepalive\","
            + "\"resource\":\"node\"},\"content\":\"ping\"}";

    private static TestCertificates certs;
    private static TestCertificates foreign;
    private static LibertyServer cloudcore;
    private final List<TestEdgeClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Path work = Path.of(System.getProperty("it.work.dir"), "cloudhub-it");
        Files.createDirectories(work);
        certs = TestCertificates.generate(work.resolve("certs"), "n1", "n2", "n3", "n4");
        foreign = TestCertificates.generate(work.resolve("foreign-ca"), "n1");
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, Map.of(
                "CLOUDHUB_PORT", String.valueOf(HUB_PORT),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_CLOUDHUB_NODELIMIT", String.valueOf(NODE_LIMIT),
                "MODULES_CLOUDHUB_KEEPALIVEINTERVAL", String.valueOf(KEEPALIVE_SECONDS),
                "MODULES_CLOUDHUB_WEBSOCKET_MAXMESSAGESIZE", String.valueOf(MAX_MESSAGE_BYTES)));
    }

    @AfterAll
    static void stop() {
        if (cloudcore != null) {
            cloudcore.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(TestEdgeClient::close);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (connectedNodes() > 0 && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(100));
        }
    }

    @Test
    void nodeWithItsCertificateConnectsAndStaysWhileItSendsKeepalives() throws Exception {
        TestEdgeClient n1 = connect("n1");
        assertEquals(1, connectedNodes());
        for (int i = 0; i < KEEPALIVE_SECONDS * 2; i++) {
            n1.send(String.format(KEEPALIVE, i));
            Http.pause(Duration.ofSeconds(1));
        }
        assertTrue(!n1.isClosed(), "a node sending keepalives must keep its session");
    }

    @Test
    void silentSessionIsClosedAfterKeepaliveInterval() throws Exception {
        TestEdgeClient n2 = connect("n2");
        Integer code = n2.awaitClose(Duration.ofSeconds(KEEPALIVE_SECONDS + 10));
        assertEquals(1001, code, "CloudHub closes a silent session as going away");
        assertEquals(0, connectedNodes());
    }

    @Test
    void secondConnectionOfANodeReplacesTheFirst() throws Exception {
        TestEdgeClient first = connect("n1");
        TestEdgeClient second = connect("n1");
        assertEquals(1000, first.awaitClose(Duration.ofSeconds(10)));
        second.send(String.format(KEEPALIVE, 1));
        assertNull(second.awaitClose(Duration.ofSeconds(1)));
        assertEquals(1, connectedNodes());
    }

    @Test
    void nodesBeyondTheNodeLimitAreRefused() throws Exception {
        connect("n1");
        connect("n2");
        connect("n3");
        assertEquals(503, refusedStatus("n4", certs.sslContextFor("n4"), TestEdgeClient.headersFor("n4")));
        assertEquals(NODE_LIMIT, connectedNodes());
    }

    @Test
    void certificateOfAnotherNodeIsRefused() {
        assertEquals(403, refusedStatus("n2", certs.sslContextFor("n1"), TestEdgeClient.headersFor("n2")));
    }

    @Test
    void missingNodeIdHeaderIsRefused() {
        assertEquals(400, refusedStatus("n1", certs.sslContextFor("n1"), Map.of("project_id", "p")));
        assertEquals(400, refusedStatus("n1", certs.sslContextFor("n1"), TestEdgeClient.headersFor("n2")));
    }

    @Test
    void aProjectIdHeaderThatDoesNotMatchTheUrlIsRefused() {
        assertEquals(400, refusedStatus("n1", certs.sslContextFor("n1"), Map.of("node_id", "n1", "project_id",
                "another-project", "ConnectionUse", "msg")));
        assertEquals(0, connectedNodes());
    }

    @Test
    void clientWithoutCertificateOrFromAnotherCaIsRefusedByTls() {
        assertThrows(ExecutionException.class, () -> connectWith("n1", certs.sslContextFor(null)));
        assertThrows(ExecutionException.class, () -> connectWith("n1", foreign.sslContextFor("n1", certs)));
        assertEquals(0, connectedNodes());
    }

    @Test
    void messageFromANodeReachesTheControllersThroughTheUpstreamQueue() throws Exception {
        TestEdgeClient n1 = connect("n1");
        n1.send("{\"header\":{\"msg_id\":\"up-1\",\"timestamp\":1700000000000},\"route\":{\"source\":\"edged\","
                + "\"group\":\"meta\",\"operation\":\"update\",\"resource\":\"default/podstatus/web\"},"
                + "\"content\":{\"UID\":\"u-1\",\"Name\":\"web\",\"Status\":{\"phase\":\"Running\"}}}");
        // No API server runs here: EdgeController's pod status writer gets the message through the upstream queue
        // and fails, and the MDB logs the rejected delivery (to be redelivered), naming node and pod.
        String expected = "edge node n1 reported for pod default/web";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.readString(cloudcore.messagesLog()).contains(expected) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(200));
        }
        assertTrue(Files.readString(cloudcore.messagesLog()).contains(expected),
                "the controllers did not get the message; expected a log line with: " + expected);
    }

    @Test
    void malformedAndUnknownMessagesGetAnErrorAndTheSessionStays() throws Exception {
        TestEdgeClient n1 = connect("n1");
        n1.send("{not json");
        assertErrorReply(n1, "malformed message");
        n1.send(String.format(KEEPALIVE, 1).replace("keepalive", "explode"));
        assertErrorReply(n1, "explode");
        n1.send(String.format(KEEPALIVE, 2));
        assertNull(n1.awaitClose(Duration.ofSeconds(1)), "bad messages must not end the session");
    }

    @Test
    void oversizedMessageClosesOnlyThatNodesSession() throws Exception {
        TestEdgeClient n1 = connect("n1");
        TestEdgeClient n2 = connect("n2");
        n1.sendFragmented("x".repeat(MAX_MESSAGE_BYTES + 1024), 8 * 1024);
        assertEquals(1009, n1.awaitClose(Duration.ofSeconds(10)));
        n2.send(String.format(KEEPALIVE, 1));
        assertNull(n2.awaitClose(Duration.ofSeconds(1)));
        assertEquals(1, connectedNodes());
    }

    @Test
    void floodingNodeIsThrottledWithoutLosingItsSession() throws Exception {
        TestEdgeClient n3 = connect("n3");
        for (int i = 0; i < 150; i++) {
            n3.send(String.format(KEEPALIVE, i));
        }
        assertErrorReply(n3, "rate limit exceeded");
        assertNull(n3.awaitClose(Duration.ofSeconds(1)));
    }

    private static void assertErrorReply(TestEdgeClient client, String expected) throws InterruptedException {
        String reply = client.nextMessage(Duration.ofSeconds(10));
        assertNotNull(reply, "expected an error reply containing '" + expected + "'");
        JsonObject json = Http.json(reply);
        assertEquals("error", json.getJsonObject("route").getString("operation"), reply);
        assertTrue(json.getString("content").contains(expected), reply);
    }

    private TestEdgeClient connect(String node) throws ExecutionException {
        TestEdgeClient client = connectWith(node, certs.sslContextFor(node));
        clients.add(client);
        return client;
    }

    private TestEdgeClient connectWith(String node, javax.net.ssl.SSLContext tls) throws ExecutionException {
        TestEdgeClient client = TestEdgeClient.connect(HUB_PORT, node, tls, TestEdgeClient.headersFor(node));
        clients.add(client);
        return client;
    }

    private static int refusedStatus(String node, javax.net.ssl.SSLContext tls, Map<String, String> headers) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> TestEdgeClient.connect(HUB_PORT, node, tls, headers).close());
        Throwable cause = e.getCause();
        assertTrue(cause instanceof WebSocketHandshakeException, "expected an HTTP refusal, got " + cause);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    private static int connectedNodes() {
        try {
            JsonObject ready = Http.json(Http.get(cloudcore.url("/health/ready")).body());
            return Http.check(ready, "cloudhub").getJsonObject("data").getInt("connectedNodes");
        } catch (IOException e) {
            throw new AssertionError("cloudcore readiness unavailable", e);
        }
    }
}

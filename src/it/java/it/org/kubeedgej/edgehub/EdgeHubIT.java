package it.org.kubeedgej.edgehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.NodeQueueClient;
import it.org.kubeedgej.support.TestCertificates;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real edgecore's EdgeHub against the real cloudcore's CloudHub: connect, heartbeat, reconnect, and a message
 * from the node's queue stored by MetaManager and acknowledged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeHubIT {

    private static final String NODE = "it-edge-hub";
    private static final int HUB_PORT = 19200;
    private static final int KEEPALIVE_SECONDS = 4;

    private static Path work;
    private static TestCertificates certs;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "edgehub-it"));
        certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cloudcore = startCloudCore();
        edgecore = LibertyServer.start("edgecore", 19281, Map.of(
                "MODULES_EDGED_HOSTNAMEOVERRIDE", NODE,
                "MODULES_EDGEHUB_WEBSOCKET_SERVER", "127.0.0.1:" + HUB_PORT,
                "MODULES_EDGEHUB_HEARTBEAT", "1",
                "MODULES_EDGEHUB_RECONNECTMAXSECONDS", "2",
                "MODULES_EDGEHUB_TLSKEYSTORE", certs.dir().resolve("edge-" + NODE + ".p12").toString(),
                "MODULES_EDGEHUB_TLSTRUSTSTORE", certs.dir().resolve("truststore.p12").toString(),
                "EDGECORE_DATABASE_DIR", work.resolve("edge-db").toString()));
    }

    private static LibertyServer startCloudCore() {
        return LibertyServer.start("cloudcore", 19280, Map.of(
                "CLOUDHUB_PORT", String.valueOf(HUB_PORT),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_CLOUDHUB_KEEPALIVEINTERVAL", String.valueOf(KEEPALIVE_SECONDS)));
    }

    @AfterAll
    static void stop() {
        if (edgecore != null) {
            edgecore.close();
        }
        if (cloudcore != null) {
            cloudcore.close();
        }
    }

    @Test
    @Order(1)
    void edgecoreConnectsAndBothSidesReportIt() throws IOException {
        assertTrue(awaitEdgeConnected(true), "edgecore did not report cloud-connection UP: " + edgeReadiness());
        assertEquals(1, connectedNodes());
    }

    @Test
    @Order(2)
    void heartbeatsKeepTheSessionOpenPastTheKeepaliveInterval() throws IOException {
        for (int i = 0; i < KEEPALIVE_SECONDS * 2; i++) {
            Http.pause(Duration.ofSeconds(1));
            assertEquals(1, connectedNodes(), "the session dropped although edgecore sends heartbeats");
        }
        String log = Files.readString(cloudcore.messagesLog());
        assertFalse(log.contains("closing the session of edge node " + NODE), "cloudhub closed a heartbeating node");
    }

    @Test
    @Order(3)
    void edgecoreReconnectsAfterCloudCoreRestarts() throws IOException {
        cloudcore.close();
        assertTrue(awaitEdgeConnected(false), "edgecore still claims a connection: " + edgeReadiness());
        JsonObject down = Http.check(edgeReadiness(), "cloud-connection");
        assertFalse(down.getJsonObject("data").getString("error").isEmpty(), down.toString());

        cloudcore = startCloudCore();
        assertTrue(awaitEdgeConnected(true), "edgecore did not reconnect: " + edgeReadiness());
        assertEquals(1, connectedNodes());
    }

    @Test
    @Order(4)
    void messageFromTheCloudIsStoredAtTheEdgeAndAcknowledged() {
        try (NodeQueueClient queues = new NodeQueueClient(19280 + 40000)) {
            queues.send(NODE, "uid-cm", false, NodeQueueClient.message("cm-1", "insert",
                    "node/" + NODE + "/default/configmap/settings", "{\"data\":{\"mode\":\"edge\"}}"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!queues.waiting(NODE).isEmpty() && System.nanoTime() < deadline) {
                Http.pause(Duration.ofMillis(200));
            }
            assertTrue(queues.waiting(NODE).isEmpty(), "edgecore did not acknowledge the message");
        }
    }

    private static boolean awaitEdgeConnected(boolean expected) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String status = Http.check(edgeReadiness(), "cloud-connection").getString("status");
            if ("UP".equals(status) == expected) {
                return true;
            }
            Http.pause(Duration.ofMillis(250));
        }
        return false;
    }

    private static JsonObject edgeReadiness() throws IOException {
        return Http.json(Http.get(edgecore.url("/health/ready")).body());
    }

    private static int connectedNodes() throws IOException {
        JsonObject ready = Http.json(Http.get(cloudcore.url("/health/ready")).body());
        return Http.check(ready, "cloudhub").getJsonObject("data").getInt("connectedNodes");
    }
}

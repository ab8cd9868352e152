package it.org.kubeedgej.edgehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
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
 * EdgeHub with a list of CloudHub addresses ({@code modules.edgeHub.websocket.servers}, issue 16 item 3): the real
 * edgecore connects to the first CloudCore; when that one is killed (kill -9) it reconnects to the second with its
 * usual backoff and jitter. The time from the kill to the new session is printed, not asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeHubFailoverIT {

    private static final int CLOUD_A = 19640;
    private static final int CLOUD_B = 19660;
    private static final int EDGE_HTTP = 19641;
    private static final String NODE = "failover-edge";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static DevCluster cluster;
    private static LibertyServer cloudA;
    private static LibertyServer cloudB;
    private static LibertyServer edgecore;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "edgehub-failover-it"));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        Map<String, String> cloudEnv = Map.of("KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString());
        cloudA = LibertyServer.start("cloudcore", CLOUD_A, cloudEnv);
        cloudB = LibertyServer.start("cloudcore", CLOUD_B, cloudEnv);
        Map<String, String> edgeEnv = EdgeCoreEnv.of(NODE, LibertyServer.hubPort(CLOUD_A), certs,
                work.resolve("edge-db"), "MODULES_EDGEHUB_WEBSOCKET_SERVERS", address(CLOUD_A) + "," + address(CLOUD_B),
                // In the order given, so the test knows which CloudCore to kill (spreading is CloudHubAddressesTest's).
                "MODULES_EDGEHUB_WEBSOCKET_SPREADOVERSERVERS", "false");
        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, edgeEnv);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(edgecore, cloudB, cloudA, cluster);
    }

    @Test
    @Order(1)
    void theEdgeConnectsToTheFirstAddress() {
        JsonObject connection = awaitConnectedTo(address(CLOUD_A));
        assertEquals("UP", connection.getString("status"), "not connected to the first CloudHub: " + connection);
    }

    @Test
    @Order(2)
    void whenItsCloudCoreIsKilledTheEdgeReconnectsToTheNext() throws IOException {
        long killedAt = System.nanoTime();
        cloudA.killNine();
        JsonObject connection = awaitConnectedTo(address(CLOUD_B));
        long millis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.println("EdgeHubFailoverIT: edge " + NODE + " connected to the second CloudHub " + millis
                + " ms after the first CloudCore was killed with SIGKILL");
        assertEquals("UP", connection.getString("status"), "not connected to the second CloudHub: " + connection);
        assertTrue(Files.readString(edgecore.messagesLog()).contains("at " + address(CLOUD_B)),
                "the reconnect names the address it goes to");
    }

    private static JsonObject awaitConnectedTo(String server) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = Http.check(Http.json(Http.get(edgecore.url("/health/ready")).body()), "cloud-connection");
                if ("UP".equals(last.getString("status"))
                        && server.equals(last.getJsonObject("data").getString("server"))) {
                    return last;
                }
            } catch (IOException | RuntimeException notYet) {
                // edgecore busy or the check not there yet
            }
            Http.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("edgecore did not connect to " + server + " within " + WAIT + ": " + last);
    }

    private static String address(int cloudHttpPort) {
        return "127.0.0.1:" + LibertyServer.hubPort(cloudHttpPort);
    }
}

package it.org.kubeedgej.edgehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.NodeQueueClient;
import it.org.kubeedgej.support.TestCertificates;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Predicate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real edgecore's EdgeHub against the real cloudcore's CloudHub: connect, heartbeat, reconnect, and a message
 * from the node's queue stored by MetaManager and acknowledged, and still stored after edgecore restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeHubIT {

    /** A fresh edge database per run (kept across this class's edgecore restarts, never from an earlier run). */
    private static final String EDGE_DB_NAME = "edge-db-" + System.nanoTime();
    private static final String NODE = "it-edge-hub";
    private static final int HUB_PORT = 19200;
    private static final int KEEPALIVE_SECONDS = 4;

    private static Path work;
    private static TestCertificates certs;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static DevCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "edgehub-it"));
        certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        cloudcore = startCloudCore();
        edgecore = startEdgeCore();
    }

    private static LibertyServer startEdgeCore() {
        return LibertyServer.start("edgecore", 19281, EdgeCoreEnv.of(NODE, HUB_PORT, certs, work.resolve(EDGE_DB_NAME),
                "MODULES_EDGEHUB_HEARTBEAT", "1",
                "MODULES_EDGED_NODESTATUSUPDATEFREQUENCY", "2",
                "MODULES_EDGEHUB_RECONNECTMAXSECONDS", "2",
                // CloudHub listens on a port of its own here, so the tunnel's is not derived from it.
                "MODULES_EDGESTREAM_TUNNELSERVER", "127.0.0.1:" + LibertyServer.tunnelPort(19280)));
    }

    private static LibertyServer startCloudCore() {
        return LibertyServer.start("cloudcore", 19280, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "MODULES_EDGECONTROLLER_NODEGRACEPERIODSECONDS", "3",
                "CLOUDHUB_PORT", String.valueOf(HUB_PORT),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_CLOUDHUB_KEEPALIVEINTERVAL", String.valueOf(KEEPALIVE_SECONDS)));
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(edgecore, cloudcore, cluster);
    }

    @Test
    @Order(5)
    void edgeNodeRegistersItselfAndReportsItsStatus() throws Exception {
        CoreV1Api api = new CoreV1Api(cluster.client());
        V1Node node = awaitNode(api, n -> n.getStatus() != null && n.getStatus().getNodeInfo() != null);
        assertEquals("", node.getMetadata().getLabels().get("node-role.kubernetes.io/edge"));
        assertEquals("edge-node", node.getMetadata().getLabels().get("role"));
        assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()),
                node.getStatus().getCapacity().get("cpu").toSuffixedString());
        assertTrue(node.getStatus().getNodeInfo().getKubeletVersion().contains("kubeedge-j"));
        assertEquals("True", ready(node));
        OffsetDateTime first = heartbeat(node);
        V1Node later = awaitNode(api, n -> heartbeat(n).isAfter(first));
        assertEquals("True", ready(later), "periodic status reports keep the node Ready");
    }

    @Test
    @Order(6)
    void nodeBecomesUnknownWhenItsEdgecoreIsGone() throws Exception {
        edgecore.close();
        edgecore = null;
        V1Node node = awaitNode(new CoreV1Api(cluster.client()), n -> "Unknown".equals(ready(n)));
        assertEquals("Unknown", ready(node));
    }

    private static V1Node awaitNode(CoreV1Api api, Predicate<V1Node> condition) throws ApiException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        V1Node node = null;
        while (System.nanoTime() < deadline) {
            try {
                node = api.readNode(NODE).execute();
                if (condition.test(node)) {
                    return node;
                }
            } catch (ApiException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
            Http.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("node " + NODE + " never met the condition; last seen: " + node);
    }

    private static String ready(V1Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(V1NodeCondition::getStatus).findFirst().orElse("absent");
    }

    private static OffsetDateTime heartbeat(V1Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(V1NodeCondition::getLastHeartbeatTime).findFirst().orElse(OffsetDateTime.MIN);
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
    void messageFromTheCloudIsStoredAtTheEdgeAndAcknowledged() throws IOException {
        try (NodeQueueClient queues = new NodeQueueClient(LibertyServer.brokerPort(19280))) {
            queues.send(NODE, "uid-cm", false, NodeQueueClient.message("cm-1", "insert",
                    "node/" + NODE + "/default/configmap/settings", "{\"data\":{\"mode\":\"edge\"}}"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!queues.waiting(NODE).isEmpty() && System.nanoTime() < deadline) {
                Http.pause(Duration.ofMillis(200));
            }
            assertTrue(queues.waiting(NODE).isEmpty(), "CloudHub did not take the message off the node queue");
        }
        // An empty queue only says CloudHub took the message; the edge's ack is what counts.
        assertTrue(awaitCloudMetricAtLeast("kubeedge_cloudhub_acks_total", 1, Duration.ofSeconds(30)),
                "edgecore did not acknowledge the message");
    }

    private boolean awaitCloudMetricAtLeast(String name, double least, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (metric(Http.get(cloudcore.url("/metrics")).body(), name) >= least) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Http.pause(Duration.ofMillis(200));
        }
    }

    @Test
    @Order(5) // after the configmap's ack (4), before edgecore is stopped (6)
    void bothServersServeTheirMetricsToPrometheus() throws IOException {
        String cloud = Http.get(cloudcore.url("/metrics")).body();
        assertEquals(1.0, metric(cloud, "kubeedge_cloudhub_connected_nodes"), cloud);
        assertTrue(metric(cloud, "kubeedge_cloudhub_messages_received_total") > 0, "heartbeats and status count");
        assertTrue(metric(cloud, "kubeedge_cloudhub_acks_total") >= 1, "the configmap's ack");
        assertTrue(metric(cloud, "kubeedge_cloudhub_ack_latency_seconds_count") >= 1);
        assertTrue(cloud.contains("# HELP kubeedge_cloudhub_resends_total"), "every CloudHub metric is listed");
        assertTrue(metric(cloud, "kubeedge_cloudcore_api_write_duration_seconds_count") >= 1,
                "the node's registration and status writes are timed");
        assertEquals(0.0, metric(cloud, "kubeedge_broker_dead_letter_messages"), "nothing failed delivery");
        assertTrue(metric(cloud, "kubeedge_broker_node_queue_messages") >= 0, "the embedded broker is read");
        // The stream tunnel is a second connection, opened on its own schedule (backoff after a refused first try).
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(45).toNanos();
        while (metric(cloud, "kubeedge_cloudstream_tunnels") < 1 && System.nanoTime() < deadline) {
            Http.pause(java.time.Duration.ofMillis(500));
            cloud = Http.get(cloudcore.url("/metrics")).body();
        }
        assertEquals(1.0, metric(cloud, "kubeedge_cloudstream_tunnels"), "the edge's stream tunnel is open");

        String edge = Http.get(edgecore.url("/metrics")).body();
        assertEquals(1.0, metric(edge, "kubeedge_edgehub_connected"), edge);
        assertEquals(0.0, metric(edge, "kubeedge_edgehub_buffered_messages"));
        assertTrue(edge.contains("# HELP kubeedge_metaserver_watches"), "MetaServer's watches are listed");
        assertEquals(1.0, metric(edge, "kubeedge_edgestream_connected"));
        assertTrue(metric(edge, "kubeedge_edge_database_bytes") > 100_000, "Derby's files are counted");
        assertTrue(edge.contains("# HELP kubeedge_devicetwin_requests") && edge.contains("# HELP kubeedge_eventbus_messages")
                && edge.contains("# HELP kubeedge_metaserver_requests"), "DeviceTwin, EventBus, MetaServer counts");
    }

    /** @return the value of a metric in Prometheus text, whatever its labels */
    private static double metric(String text, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name)
                + "(\\{[^}]*\\})? ([-+0-9.eE]+|NaN)$").matcher(text);
        assertTrue(m.find(), name + " is not in the metrics");
        return Double.parseDouble(m.group(2));
    }

    @Test
    @Order(7)
    void objectsStoredBeforeARestartAreStillInTheEdgeDatabaseAfterIt() throws Exception {
        edgecore = startEdgeCore();
        assertTrue(awaitEdgeConnected(true), "edgecore did not come back: " + edgeReadiness());
        assertEquals("UP", Http.check(edgeReadiness(), "edge-database").getString("status"));
        String log = Files.readString(edgecore.messagesLog());
        edgecore.close();
        edgecore = null;
        assertFalse(log.contains("Exception [EclipseLink"), "a start on existing tables is quiet: " + log);

        // edgecore is stopped, so its embedded Derby database can be opened here, as an operator would with ij.
        String url = "jdbc:derby:" + work.resolve(EDGE_DB_NAME).resolve("edgecore");
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement q = c.prepareStatement("SELECT \"type\", \"value\" FROM meta WHERE \"key\" = ?")) {
            q.setString(1, "default/configmap/settings");
            try (ResultSet row = q.executeQuery()) {
                assertTrue(row.next(), "the configmap stored before the restart is gone");
                assertEquals("configmap", row.getString(1));
                assertEquals("edge", Http.json(row.getString(2)).getJsonObject("data").getString("mode"));
            }
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException closed) {
                // 08006: Derby reports a database shut down this way.
            }
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

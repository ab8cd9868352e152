package it.org.kubeedgej.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.KubeEdgeFrames;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.NodeQueueClient;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two CloudCore replicas on one development API server; replica B uses replica A's embedded broker as its external
 * broker, so the nodes' queues are shared. Exactly one replica leads the controllers and the Lease names it; an edge
 * whose session is on the replica that does not lead gets each pod once and its disconnect is written once, by the
 * leader; when the leader is killed (kill -9) the other takes the Lease over (the time it took is printed, not
 * asserted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllerLeaderIT {

    private static final int HTTP_A = 19440;
    private static final int HTTP_B = 19460;
    private static final String NODE = "ha-edge";
    private static final String SPLIT_NODE = "ha-split";
    private static final int GRACE_SECONDS = 6;
    private static final int LEASE_SECONDS = 8;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DevCluster cluster;
    private static CoreV1Api core;
    private static CoordinationV1Api coordination;
    private static TestCertificates certs;
    private static LibertyServer replicaA;
    private static LibertyServer replicaB;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "controller-leader-it"));
        certs = TestCertificates.generate(work.resolve("certs"), NODE, SPLIT_NODE);
        cluster = DevCluster.start().installProjectCrds();
        core = new CoreV1Api(cluster.client());
        coordination = new CoordinationV1Api(cluster.client());
        Map<String, String> common = Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_EDGECONTROLLER_NODEGRACEPERIODSECONDS", String.valueOf(GRACE_SECONDS),
                "MODULES_EDGECONTROLLER_NODESTARTUPGRACEPERIODSECONDS", String.valueOf(GRACE_SECONDS),
                // A shorter Lease than the packaged 15/10/2 s, so the takeover test waits less; same mechanism.
                "LEADERELECTION_LEASEDURATIONSECONDS", String.valueOf(LEASE_SECONDS),
                "LEADERELECTION_RENEWDEADLINESECONDS", "6",
                "LEADERELECTION_RETRYPERIODSECONDS", "1");
        replicaA = LibertyServer.start("cloudcore", HTTP_A, with(common, Map.of("LEADERELECTION_IDENTITY",
                "replica-a")));
        replicaB = LibertyServer.start("cloudcore", HTTP_B, with(common, Map.of("LEADERELECTION_IDENTITY",
                "replica-b", "MODULES_CLOUDHUB_BROKER_EMBEDDED", "false",
                "MODULES_CLOUDHUB_BROKER_HOST", "127.0.0.1",
                "MODULES_CLOUDHUB_BROKER_PORT", String.valueOf(LibertyServer.brokerPort(HTTP_A)))));
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(replicaB, replicaA, cluster);
    }

    @Test
    @Order(1)
    void exactlyOneReplicaLeadsAndTheLeaseNamesIt() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !(leads(replicaA) || leads(replicaB))) {
            Http.pause(Duration.ofMillis(250));
        }
        Http.pause(Duration.ofSeconds(3)); // a second leader, if there were one, would have shown by now
        assertTrue(leads(replicaA), "the replica started first leads");
        assertFalse(leads(replicaB), "only one replica leads");
        assertEquals("replica-a", leaseHolder());
        assertEquals("replica-a", leaderCheck(replicaB).getJsonObject("data").getString("holder"),
                "the other replica sees who leads");
        assertEquals(1, leaderGauge(replicaA));
        assertEquals(0, leaderGauge(replicaB));
    }

    @Test
    @Order(2)
    void anEdgeOnTheOtherReplicaGetsEachPodOnceAndItsDisconnectIsWrittenOnce() throws Exception {
        V1Node node = core.createNode(new V1Node().apiVersion("v1").kind("Node").metadata(new V1ObjectMeta()
                .name(NODE).putLabelsItem("node-role.kubernetes.io/edge", ""))).execute();
        node.status(new V1NodeStatus().addConditionsItem(new V1NodeCondition().type("Ready").status("True")
                .lastHeartbeatTime(OffsetDateTime.now()).lastTransitionTime(OffsetDateTime.now())));
        core.replaceNodeStatus(NODE, node).execute();
        TestEdgeClient edge = TestEdgeClient.connect(LibertyServer.hubPort(HTTP_B), NODE,
                certs.sslContextFor(NODE), TestEdgeClient.headersFor(NODE));
        try {
            heartbeat(edge);
            core.createNamespacedPod("default", new V1Pod().apiVersion("v1").kind("Pod")
                    .metadata(new V1ObjectMeta().name("ha-pod").namespace("default"))
                    .spec(new V1PodSpec().nodeName(NODE).addContainersItem(new V1Container().name("c")
                            .image("busybox")))).execute();
            // Twice the grace period of heartbeats through replica B: the leader must not take the node for gone.
            Set<String> inserts = new HashSet<>();
            Instant until = Instant.now().plusSeconds(2L * GRACE_SECONDS);
            while (Instant.now().isBefore(until)) {
                String text = edge.nextMessage(Duration.ofMillis(500));
                if (text != null) {
                    JsonObject message = Http.json(text);
                    JsonObject route = message.getJsonObject("route");
                    if ("insert".equals(route.getString("operation"))
                            && route.getString("resource").endsWith("/pod/ha-pod")) {
                        inserts.add(message.getJsonObject("header").getString("msg_id"));
                        edge.send(KubeEdgeFrames.ackOf(message));
                    }
                }
                heartbeat(edge);
            }
            assertEquals(1, inserts.size(), "the pod reaches the edge once, queued by the leader only: " + inserts);
            assertEquals("True", ready(), "a node reporting through the replica that does not lead is not gone");
        } finally {
            edge.close();
        }
        try (NodeWatch writes = NodeWatch.start(cluster.url(), NODE)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!"Unknown".equals(ready()) && System.nanoTime() < deadline) {
                Http.pause(Duration.ofMillis(250));
            }
            assertEquals("Unknown", ready(), "the leader marks the node whose session on the other replica ended");
            Http.pause(Duration.ofSeconds(2L * GRACE_SECONDS)); // room for a second write, were there one
            assertEquals(1, writes.modified(), "one status write for one disconnect: " + writes.events());
            assertEquals(1, core.listNamespacedEvent("default").execute().getItems()
                    .stream().filter(e -> NODE.equals(e.getInvolvedObject().getName())
                            && "NodeNotReady".equals(e.getReason())).count(),
                    "one NodeNotReady Event for one disconnect, from the leader only");
        }
        assertTrue(Files.readString(replicaA.messagesLog()).contains("edge node " + NODE + " has had no CloudHub"
                + " session"), "the leader wrote it");
        assertFalse(Files.readString(replicaB.messagesLog()).contains("Ready set to Unknown"),
                "the replica that held the session and does not lead wrote nothing");
    }

    @Test
    @Order(3)
    void aNodeWithASessionOnBothReplicasKeepsOnlyItsNewerOne() throws Exception {
        // As after a partition: the edge left replica-a without a close and connected to replica-b.
        TestEdgeClient older = TestEdgeClient.connect(LibertyServer.hubPort(HTTP_A), SPLIT_NODE,
                certs.sslContextFor(SPLIT_NODE), TestEdgeClient.headersFor(SPLIT_NODE));
        TestEdgeClient newer = null;
        try {
            awaitConnectedNodes(replicaA, 1);
            newer = TestEdgeClient.connect(LibertyServer.hubPort(HTTP_B), SPLIT_NODE,
                    certs.sslContextFor(SPLIT_NODE), TestEdgeClient.headersFor(SPLIT_NODE));
            assertEquals(1000, older.awaitClose(WAIT), "replica-a closes the older session");
            awaitConnectedNodes(replicaA, 0);
            assertEquals(1, connectedNodes(replicaB));
            assertFalse(newer.isClosed(), "the newer session stays");
            assertTrue(Files.readString(replicaA.messagesLog()).contains("edge node " + SPLIT_NODE
                    + " has a newer session on replica replica-b"), "replica-a says why");
            try (NodeQueueClient queues = new NodeQueueClient(LibertyServer.brokerPort(HTTP_A))) {
                queues.send(SPLIT_NODE, "uid-split", false, NodeQueueClient.message("split-1", "insert",
                        "node/" + SPLIT_NODE + "/default/configmap/after-split", "{\"data\":{}}"));
            }
            String delivered = newer.nextMessage(WAIT);
            assertTrue(delivered != null && delivered.contains("after-split"),
                    "the node's queue reaches its newer session: " + delivered);
        } finally {
            older.close();
            if (newer != null) {
                newer.close();
            }
        }
    }

    @Test
    @Order(4)
    void whenTheLeaderIsKilledTheOtherReplicaTakesOver() throws Exception {
        long killedAt = System.nanoTime();
        replicaA.killNine();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!leads(replicaB) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(100));
        }
        long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.println("ControllerLeaderIT: replica-b took the controllers over " + takeoverMillis
                + " ms after replica-a (the leader) was killed with SIGKILL (lease " + LEASE_SECONDS
                + " s, renew deadline 6 s, retry 1 s)");
        assertTrue(leads(replicaB), "replica-b leads once replica-a's Lease has expired");
        assertEquals("replica-b", leaseHolder());
        assertEquals(1, leaderGauge(replicaB));
        assertTrue(Files.readString(replicaB.messagesLog()).contains("cloudcore replica replica-b now leads the"
                + " controllers"), "the transition is logged with the replica id");
    }

    private static void heartbeat(TestEdgeClient edge) throws InterruptedException {
        JsonObject status = KubeEdgeFrames.kubelet("update", "default/nodestatus/" + NODE, Json.createObjectBuilder()
                .add("UID", "").add("Status", Json.createObjectBuilder().add("conditions", Json.createArrayBuilder()
                        .add(KubeEdgeFrames.readyCondition(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))))
                .build());
        edge.send(status);
        assertEquals("OK", edge.awaitAnswer(status, WAIT).getString("content"));
    }

    private static int connectedNodes(LibertyServer replica) throws Exception {
        return Http.check(Http.json(Http.get(replica.url("/health/ready")).body()), "cloudhub")
                .getJsonObject("data").getInt("connectedNodes");
    }

    private static void awaitConnectedNodes(LibertyServer replica, int expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (connectedNodes(replica) != expected && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(100));
        }
        assertEquals(expected, connectedNodes(replica), "connected nodes of " + replica);
    }

    private static String ready() throws Exception {
        return core.readNode(NODE).execute().getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType())).findFirst().map(V1NodeCondition::getStatus).orElse("");
    }

    private static String leaseHolder() throws Exception {
        return coordination.readNamespacedLease("cloudcore-controllers", "kubeedge").execute().getSpec()
                .getHolderIdentity();
    }

    private static JsonObject leaderCheck(LibertyServer replica) throws Exception {
        return Http.check(Http.json(Http.get(replica.url("/health/ready")).body()), "controller-leader");
    }

    private static boolean leads(LibertyServer replica) throws Exception {
        return leaderCheck(replica).getJsonObject("data").getBoolean("leader");
    }

    private static int leaderGauge(LibertyServer replica) throws Exception {
        String text = Http.get(replica.url("/metrics")).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^kubeedge_cloudcore_leader(\\{[^}]*\\})?"
                + " ([-+0-9.eE]+)$").matcher(text);
        assertTrue(m.find(), "kubeedge_cloudcore_leader is not at /metrics");
        return (int) Double.parseDouble(m.group(2));
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        Map<String, String> all = new java.util.HashMap<>(common);
        all.putAll(own);
        return all;
    }
}

package it.org.kubeedgej.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.NodeQueueClient;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Downstream delivery through CloudHub: messages wait on the node's durable queue while it is offline, reach it
 * when it connects (resource trimmed to the edge form), are sent again until acknowledged, and leave the queue
 * only after the edge's ack, also across a cloudcore restart.
 */
class ReliableDeliveryIT {

    private static final int HTTP_PORT = 19380;
    private static final int HUB_PORT = 19300;
    private static final int BROKER_PORT = 19616 + 300;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestCertificates certs;
    private static Map<String, String> env;
    private static LibertyServer cloudcore;
    private static NodeQueueClient queues;
    private static DevCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "delivery-it"));
        certs = TestCertificates.generate(work.resolve("certs"), "d1", "d2", "d3", "d4", "d5", "d6");
        cluster = DevCluster.start().installProjectCrds();
        Path journal = work.resolve("artemis-" + System.nanoTime());
        env = Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_PORT", String.valueOf(HUB_PORT),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_CLOUDHUB_BROKER_PORT", String.valueOf(BROKER_PORT),
                "MODULES_CLOUDHUB_BROKER_DATADIR", journal.toString(),
                "MODULES_CLOUDHUB_ACKTIMEOUTSECONDS", "1",
                "MODULES_CLOUDHUB_MAXRESENDS", "2",
                "MODULES_CLOUDHUB_NODEMAXINFLIGHT", "3",
                // The stand-in nodes and pods here are not in the API server; SyncController's reconcile would
                // (rightly) delete their ObjectSync records while a test reads them.
                "MODULES_SYNCCONTROLLER_RECONCILESECONDS", "0");
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, env);
        queues = new NodeQueueClient(BROKER_PORT);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(queues, cloudcore, cluster);
    }

    @Test
    void acknowledgedObjectsAreRecordedInObjectSyncs() throws Exception {
        String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"namespace\":"
                + "\"default\",\"uid\":\"uid-web\",\"resourceVersion\":\"42\"}}";
        String node = "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"d5\",\"uid\":\"uid-d5\","
                + "\"resourceVersion\":\"7\"}}";
        queues.send("d5", "uid-web", false, NodeQueueClient.message("m5a", "insert", "node/d5/default/pod/web", pod));
        queues.send("d5", "uid-d5", false, NodeQueueClient.message("m5b", "update", "node/d5/null/node/d5", node));
        try (TestEdgeClient edge = connect("d5")) {
            edge.send(TestEdgeClient.ackOf(edge.nextJson(WAIT)));
            edge.send(TestEdgeClient.ackOf(edge.nextJson(WAIT)));
            awaitQueueSize("d5", 0);
        }
        CustomObjectsApi api = new CustomObjectsApi(cluster.client());
        assertEquals("42", awaitRecordedVersion(() -> api.getNamespacedCustomObject("reliablesyncs.kubeedge.io",
                "v1alpha1", "default", "objectsyncs", "d5.uid-web").execute()));
        assertEquals("7", awaitRecordedVersion(() -> api.getClusterCustomObject("reliablesyncs.kubeedge.io",
                "v1alpha1", "clusterobjectsyncs", "d5.uid-d5").execute()));
    }

    private interface Fetch {
        Object get() throws ApiException;
    }

    @SuppressWarnings("unchecked")
    private static String awaitRecordedVersion(Fetch fetch) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, Object> record = (Map<String, Object>) fetch.get();
                Map<String, Object> status = (Map<String, Object>) record.get("status");
                last = record.toString();
                if (status != null && status.get("objectResourceVersion") != null) {
                    return status.get("objectResourceVersion").toString();
                }
            } catch (ApiException notYet) {
                last = "HTTP " + notYet.getCode();
            }
            Http.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("no ObjectSync status recorded; last seen: " + last);
    }

    @Test
    void messagesQueuedWhileOfflineArriveInOrderAndLeaveTheQueueOnAck() throws Exception {
        for (int i = 1; i <= 3; i++) {
            queues.send("d1", "uid-" + i, false, NodeQueueClient.message("m1-" + i, "insert",
                    "node/d1/default/pod/p" + i, "{\"metadata\":{\"name\":\"p" + i + "\"}}"));
        }
        assertEquals(3, queues.waiting("d1").size());
        try (TestEdgeClient edge = connect("d1")) {
            for (int i = 1; i <= 3; i++) {
                JsonObject message = edge.nextJson(WAIT);
                assertEquals("m1-" + i, message.getJsonObject("header").getString("msg_id"));
                assertEquals("default/pod/p" + i, message.getJsonObject("route").getString("resource"),
                        "cloudhub sends the edge form of the resource");
                edge.send(TestEdgeClient.ackOf(message));
            }
            awaitQueueSize("d1", 0);
        }
    }

    @Test
    void unacknowledgedMessageIsSentAgainAndStaysQueuedAcrossReconnects() throws Exception {
        queues.send("d2", "uid-x", false, NodeQueueClient.message("m2", "update", "node/d2/default/pod/x", "{}"));
        try (TestEdgeClient edge = connect("d2")) {
            assertEquals("m2", id(edge.nextJson(WAIT)));
            assertEquals("m2", id(edge.nextJson(WAIT)), "without an ack cloudhub sends the message again");
        }
        // CloudHub closes the node's JMS session when it sees the disconnect, a moment after the client closed;
        // only then is the unacknowledged message visible on the queue again.
        awaitQueueSize("d2", 1);
        try (TestEdgeClient edge = connect("d2")) {
            JsonObject again = edge.nextJson(WAIT);
            assertEquals("m2", id(again));
            edge.send(TestEdgeClient.ackOf(again));
            awaitQueueSize("d2", 0);
            assertNull(edge.nextMessage(Duration.ofSeconds(3)), "an acknowledged message is not sent again");
        }
    }

    @Test
    void newerVersionReplacesAWaitingOneButDeletesAreKept() throws Exception {
        queues.send("d3", "uid-a", false, NodeQueueClient.message("a-v1", "update", "node/d3/default/pod/a", "{}"));
        queues.send("d3", "uid-a", false, NodeQueueClient.message("a-v2", "update", "node/d3/default/pod/a", "{}"));
        queues.send("d3", "uid-b", true, NodeQueueClient.message("b-del", "delete", "node/d3/default/pod/b", "{}"));
        try (TestEdgeClient edge = connect("d3")) {
            JsonObject first = edge.nextJson(WAIT);
            JsonObject second = edge.nextJson(WAIT);
            assertEquals(List.of("a-v2", "b-del"), List.of(id(first), id(second)));
            edge.send(TestEdgeClient.ackOf(first));
            edge.send(TestEdgeClient.ackOf(second));
            awaitQueueSize("d3", 0);
        }
    }

    @Test
    void messagesWaitingWhenCloudCoreRestartsAreDeliveredAfterwards() throws Exception {
        queues.send("d4", "uid-r", false, NodeQueueClient.message("m4", "insert", "node/d4/default/pod/r", "{}"));
        cloudcore.close();
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, env);
        try (TestEdgeClient edge = connect("d4")) {
            JsonObject message = edge.nextJson(WAIT);
            assertEquals("m4", id(message));
            edge.send(TestEdgeClient.ackOf(message));
            awaitQueueSize("d4", 0);
        }
    }

    @Test
    void aNodeGetsAtMostNodeMaxInFlightUnacknowledgedMessagesAndTheRestAfterItsAcks() throws Exception {
        for (int i = 1; i <= 8; i++) {
            queues.send("d6", "uid-w" + i, false, NodeQueueClient.message("m6-" + i, "insert",
                    "node/d6/default/pod/w" + i, "{}"));
        }
        try (TestEdgeClient edge = connect("d6")) {
            // Long enough for resends (ackTimeout 1 s) and for the give-up that puts them back on the queue.
            Set<String> unacked = new TreeSet<>();
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                String text = edge.nextMessage(Duration.ofNanos(left));
                if (text != null) {
                    unacked.add(id(Http.json(text)));
                }
            }
            assertEquals(Set.of("m6-1", "m6-2", "m6-3"), unacked,
                    "with nodeMaxInFlight 3 only the oldest three are sent (and sent again) until acked");
            Set<String> acked = new TreeSet<>();
            while (acked.size() < 8) {
                JsonObject message = edge.nextJson(WAIT);
                edge.send(TestEdgeClient.ackOf(message));
                acked.add(id(message));
            }
            awaitQueueSize("d6", 0);
        }
    }

    private static TestEdgeClient connect(String node) throws ExecutionException {
        return TestEdgeClient.connect(HUB_PORT, node, certs.sslContextFor(node), TestEdgeClient.headersFor(node));
    }


    private static String id(JsonObject message) {
        return message.getJsonObject("header").getString("msg_id");
    }


    private static void awaitQueueSize(String node, int expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (queues.waiting(node).size() != expected && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(200));
        }
        assertEquals(expected, queues.waiting(node).size(), "messages waiting for node " + node);
    }
}

package it.org.kubeedgej.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node whose session ended while no CloudCore ran (here: before this CloudCore started) goes Ready=Unknown once
 * the grace period after start-up passes without it connecting, with the node controller's NodeNotReady Event; a node
 * that connects stays as it reports.
 */
class NodeReadyAfterStartIT {

    private static final int HTTP_PORT = 19800;
    private static final int HUB_PORT = HTTP_PORT + 1000;
    private static final int GRACE_SECONDS = 6;

    private static DevCluster cluster;
    private static CoreV1Api api;
    private static LibertyServer cloudcore;
    private static TestEdgeClient alive;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "node-ready-it"));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), "alive");
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        for (String name : new String[] {"dead-before-start", "alive"}) {
            V1Node node = api.createNode(new V1Node().apiVersion("v1").kind("Node").metadata(new V1ObjectMeta()
                    .name(name).putLabelsItem("node-role.kubernetes.io/edge", ""))).execute();
            node.status(new V1NodeStatus().addConditionsItem(new V1NodeCondition().type("Ready").status("True")
                    .lastHeartbeatTime(OffsetDateTime.now()).lastTransitionTime(OffsetDateTime.now())));
            api.replaceNodeStatus(name, node).execute();
        }
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_EDGECONTROLLER_NODEGRACEPERIODSECONDS", String.valueOf(GRACE_SECONDS),
                "MODULES_EDGECONTROLLER_NODESTARTUPGRACEPERIODSECONDS", String.valueOf(GRACE_SECONDS)));
        alive = TestEdgeClient.connect(HUB_PORT, "alive", certs.sslContextFor("alive"),
                TestEdgeClient.headersFor("alive"));
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(alive, cloudcore, cluster);
    }

    @Test
    void nodeThatNeverConnectsAfterStartGoesUnknownAndAConnectedOneDoesNot() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"Unknown".equals(ready("dead-before-start")) && System.nanoTime() < deadline) {
            alive.send("{\"header\":{\"msg_id\":\"k" + System.nanoTime() + "\",\"timestamp\":1},\"route\":{\"source\":"
                    + "\"websocket\",\"group\":\"resource\",\"operation\":\"keepalive\",\"resource\":\"node\"},"
                    + "\"content\":\"ping\"}");
            Http.pause(Duration.ofMillis(500));
        }
        assertEquals("Unknown", ready("dead-before-start"));
        assertEquals("True", ready("alive"), "a node with a session keeps the Ready it reported");
    }

    @Test
    void aNodeGoneGetsTheNodeControllersNodeNotReadyEvent() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (notReadyEvents("dead-before-start").isEmpty() && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(500));
        }
        List<CoreV1Event> events = notReadyEvents("dead-before-start");
        assertEquals(1, events.size(), "one NodeNotReady Event for one change: " + events);
        CoreV1Event event = events.get(0);
        assertEquals("Node dead-before-start status is now: NodeNotReady", event.getMessage());
        assertEquals("node-controller", event.getSource().getComponent());
        assertEquals(api.readNode("dead-before-start").execute().getMetadata().getUid(),
                event.getInvolvedObject().getUid());
        assertTrue(notReadyEvents("alive").isEmpty(), "a connected node has none");
    }

    private static List<CoreV1Event> notReadyEvents(String node) throws Exception {
        return api.listNamespacedEvent("default").execute().getItems().stream()
                .filter(e -> "Node".equals(e.getInvolvedObject().getKind())
                        && node.equals(e.getInvolvedObject().getName()) && "NodeNotReady".equals(e.getReason()))
                .toList();
    }

    private static String ready(String name) throws Exception {
        return api.readNode(name).execute().getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType())).findFirst().map(V1NodeCondition::getStatus).orElse("");
    }
}

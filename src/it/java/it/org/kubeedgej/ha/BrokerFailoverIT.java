package it.org.kubeedgej.ha;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two CloudCore replicas on the standalone broker pair (primary/backup with replication), as up with its HA option
 * runs them: kill -9 of the primary broker; the backup takes over, and a pod created after the kill still reaches an
 * edge whose session is on the replica that does not lead (so the pod crosses the broker: queued by the leader,
 * delivered by the other). The times are printed, not asserted.
 */
class BrokerFailoverIT {

    private static final int HTTP_A = 19500;
    private static final int HTTP_B = 19520;
    // Above every port the system tests derive (at most 19982 + 6000) and apart from BrokerPairFailoverTest's.
    private static final int PRIMARY_PORT = 29626;
    private static final int BACKUP_PORT = 29627;
    private static final String NODE = "broker-failover-edge";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static DevCluster cluster;
    private static CoreV1Api core;
    private static TestCertificates certs;
    private static StandaloneBrokerProcess primary;
    private static StandaloneBrokerProcess backup;
    private static LibertyServer replicaA;
    private static LibertyServer replicaB;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "broker-failover-it"));
        certs = TestCertificates.generate(work.resolve("certs"), NODE);
        primary = StandaloneBrokerProcess.start("primary", PRIMARY_PORT, BACKUP_PORT, work);
        primary.await("active", WAIT);
        backup = StandaloneBrokerProcess.start("backup", BACKUP_PORT, PRIMARY_PORT, work);
        backup.await("backup", WAIT);
        cluster = DevCluster.start().installProjectCrds();
        core = new CoreV1Api(cluster.client());
        Map<String, String> env = PairedReplicaEnv.of(cluster, certs, PRIMARY_PORT, BACKUP_PORT);
        env.put("LEADERELECTION_IDENTITY", "replica-a");
        replicaA = LibertyServer.start("cloudcore", HTTP_A, env);
        env.put("LEADERELECTION_IDENTITY", "replica-b");
        replicaB = LibertyServer.start("cloudcore", HTTP_B, env);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(replicaB, replicaA, cluster, backup, primary);
    }

    @Test
    void aPodCreatedAfterTheLiveBrokerIsKilledStillReachesTheEdge() throws Exception {
        V1Node node = core.createNode(new V1Node().apiVersion("v1").kind("Node").metadata(new V1ObjectMeta()
                .name(NODE).putLabelsItem("node-role.kubernetes.io/edge", ""))).execute();
        node.status(new V1NodeStatus().addConditionsItem(new V1NodeCondition().type("Ready").status("True")
                .lastHeartbeatTime(OffsetDateTime.now()).lastTransitionTime(OffsetDateTime.now())));
        core.replaceNodeStatus(NODE, node).execute();
        awaitLeader(replicaA);
        try (TestEdgeClient edge = TestEdgeClient.connect(LibertyServer.hubPort(HTTP_B), NODE,
                certs.sslContextFor(NODE), TestEdgeClient.headersFor(NODE))) {
            createPod("before-kill");
            assertTrue(awaitInsert(edge, "before-kill"), "with both brokers up, a pod reaches the edge");

            long killed = System.nanoTime();
            primary.killNine();
            backup.await("active", WAIT);
            long active = System.nanoTime();
            createPod("after-kill");
            boolean arrived = awaitInsert(edge, "after-kill");
            long delivered = System.nanoTime();
            assertTrue(arrived, "a pod created after kill -9 of the primary broker reaches the edge through the"
                    + " backup");
            System.out.printf("BrokerFailoverIT: backup active %.1f s after kill -9 of the primary; the pod"
                    + " created after the kill reached the edge %.1f s after it%n", (active - killed) / 1e9,
                    (delivered - killed) / 1e9);
        }
    }

    private static void createPod(String name) throws Exception {
        core.createNamespacedPod("default", new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name(name).namespace("default"))
                .spec(new V1PodSpec().nodeName(NODE).addContainersItem(new V1Container().name("c")
                        .image("busybox")))).execute();
    }

    /** Reads (and acknowledges) the edge's messages until the pod's insert comes; false when it does not. */
    private static boolean awaitInsert(TestEdgeClient edge, String pod) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = edge.nextMessage(Duration.ofMillis(500));
            if (text == null) {
                continue;
            }
            JsonObject message = Http.json(text);
            JsonObject route = message.getJsonObject("route");
            edge.send(KubeEdgeFrames.ackOf(message));
            if ("insert".equals(route.getString("operation")) && route.getString("resource").endsWith("/pod/" + pod)) {
                return true;
            }
        }
        return false;
    }

    private static void awaitLeader(LibertyServer replica) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String ready = Http.get(replica.url("/health/ready")).body();
            if (ready.contains("\"leader\":true")) {
                return;
            }
            Http.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("replica A does not lead within " + WAIT);
    }
}

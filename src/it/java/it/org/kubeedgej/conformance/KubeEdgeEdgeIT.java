package it.org.kubeedgej.conformance;

import static it.org.kubeedgej.support.KubeEdgeFrames.ackOf;
import static it.org.kubeedgej.support.KubeEdgeFrames.frame;
import static it.org.kubeedgej.support.KubeEdgeFrames.kubelet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
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
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our CloudCore against an edge that speaks exactly as KubeEdge v1.22's edgecore (its embedded kubelet and
 * DeviceTwin): a certificate with CN=system:node:&lt;node&gt;, O=system:nodes, Go's header spelling with
 * ConnectionUse, the kubelet's requests (node insert, query, nodepatch, lease, podpatch, DeleteOptions) with the
 * answers KubeEdge's EdgeController gives, and DeviceTwin's reports confirmed with "OK". The frames are the ones the
 * real edgecore sends (recorded against it, and read from its source).
 */
class KubeEdgeEdgeIT {

    private static final int HTTP_PORT = 19720;
    private static final int HUB_PORT = HTTP_PORT + 1000;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NODE = "worker2";

    private static DevCluster cluster;
    private static CoreV1Api api;
    private static TestCertificates certs;
    private static LibertyServer cloudcore;
    private static TestEdgeClient edge;
    /** EdgeHub's keepalive every 15 s; CloudHub ends a session silent for 30 s, and these tests take longer. */
    private static final ScheduledExecutorService KEEPALIVE = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "kubeedge-edge-it"));
        certs = TestCertificates.generate(work.resolve("certs"), NODE, "other");
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        edge = TestEdgeClient.connect(HUB_PORT, NODE, certs.sslContextFor(NODE), TestEdgeClient.goHeadersFor(NODE));
        edge.send(KubeEdgeFrames.keepalive());
        KEEPALIVE.scheduleAtFixedRate(() -> edge.send(KubeEdgeFrames.keepalive()), 10, 10, TimeUnit.SECONDS);
        register();
    }

    @AfterAll
    static void stop() {
        KEEPALIVE.shutdownNow();
        Stoppables.stopAll(edge, cloudcore, cluster);
    }

    /** The kubelet's registerWithAPIServer: insert, answered with ObjectResp holding the created Node. */
    private static void register() throws Exception {
        JsonObject insert = kubelet("insert", "default/node/" + NODE, KubeEdgeFrames.node(NODE));
        edge.send(insert);
        JsonObject answer = edge.awaitAnswer(insert, WAIT);
        assertEquals("response", answer.getJsonObject("route").getString("operation"));
        assertEquals("default/node/" + NODE, answer.getJsonObject("route").getString("resource"));
        JsonObject content = answer.getJsonObject("content");
        assertEquals(JsonValue.NULL, content.get("Err"), answer.toString());
        JsonObject node = content.getJsonObject("Object");
        assertEquals("Node", node.getString("kind"));
        assertFalse(node.getJsonObject("metadata").getString("uid").isEmpty());
        assertTrue(node.getJsonObject("metadata").getJsonObject("labels").containsKey("node-role.kubernetes.io/edge"));
    }

    @Test
    void nodeIsRegisteredQueriedAndKeptReadyByStatusPatches() throws Exception {
        V1Node node = api.readNode(NODE).execute();
        assertEquals("", node.getMetadata().getLabels().get("node-role.kubernetes.io/edge"));

        JsonObject query = kubelet("query", "default/node/" + NODE, JsonValue.NULL);
        edge.send(query);
        JsonObject queried = edge.awaitAnswer(query, WAIT).getJsonObject("content");
        assertEquals("Node", queried.getString("kind"));
        assertEquals(node.getMetadata().getUid(), queried.getJsonObject("metadata").getString("uid"));

        // KubeEdge 1.22's kubelet reports status as a strategic merge patch in a JSON string.
        String heartbeat = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String patch = Json.createObjectBuilder().add("status", Json.createObjectBuilder()
                .add("conditions", Json.createArrayBuilder().add(KubeEdgeFrames.readyCondition(heartbeat)))).build()
                .toString();
        JsonObject nodePatch = kubelet("patch", "default/nodepatch/" + NODE, Json.createValue(patch));
        edge.send(nodePatch);
        JsonObject patched = edge.awaitAnswer(nodePatch, WAIT).getJsonObject("content");
        assertEquals(JsonValue.NULL, patched.get("Err"), patched.toString());
        assertEquals(NODE, patched.getJsonObject("Object").getJsonObject("metadata").getString("name"));
        V1NodeCondition ready = readyOf(api.readNode(NODE).execute());
        assertEquals("True", ready.getStatus());
        assertEquals(heartbeat, ready.getLastHeartbeatTime().toInstant().toString());

        // The older nodestatus form: NodeStatusRequest {UID, Status, ExtendResources}, answered "OK".
        JsonObject request = Json.createObjectBuilder().add("UID", node.getMetadata().getUid())
                .add("Status", KubeEdgeFrames.node(NODE).getJsonObject("status")).addNull("ExtendResources").build();
        JsonObject status = kubelet("update", "default/nodestatus/" + NODE, request);
        edge.send(status);
        assertEquals("OK", edge.awaitAnswer(status, WAIT).getString("content"));
        assertEquals("4030384Ki", api.readNode(NODE).execute().getStatus().getCapacity().get("memory").toSuffixedString());
    }

    @Test
    void leaseIsCreatedRenewedAndRead() throws Exception {
        JsonObject lease = Json.createObjectBuilder().add("apiVersion", "coordination.k8s.io/v1").add("kind", "Lease")
                .add("metadata", Json.createObjectBuilder().add("name", NODE).add("namespace", "kube-node-lease"))
                .add("spec", Json.createObjectBuilder().add("holderIdentity", NODE).add("leaseDurationSeconds", 40)
                        .add("renewTime", "2026-12-07T01:00:00.000000Z")).build();
        JsonObject insert = kubelet("insert", "kube-node-lease/lease/" + NODE, lease);
        edge.send(insert);
        JsonObject created = edge.awaitAnswer(insert, WAIT).getJsonObject("content").getJsonObject("Object");
        assertEquals("Lease", created.getString("kind"));
        String version = created.getJsonObject("metadata").getString("resourceVersion");

        JsonObject renewed = Json.createObjectBuilder(created).add("spec", Json.createObjectBuilder(
                created.getJsonObject("spec")).add("renewTime", "2026-12-07T01:00:10.000000Z")).build();
        JsonObject update = kubelet("update", "kube-node-lease/lease/" + NODE, renewed);
        edge.send(update);
        JsonObject updated = edge.awaitAnswer(update, WAIT).getJsonObject("content");
        assertEquals(JsonValue.NULL, updated.get("Err"), updated.toString());
        V1Lease stored = new CoordinationV1Api(cluster.client()).readNamespacedLease(NODE, "kube-node-lease").execute();
        assertEquals(Instant.parse("2026-12-07T01:00:10Z"), stored.getSpec().getRenewTime().toInstant());
        assertTrue(Long.parseLong(stored.getMetadata().getResourceVersion()) > Long.parseLong(version));

        JsonObject someoneElses = kubelet("update", "kube-node-lease/lease/other", renewed);
        edge.send(someoneElses);
        JsonObject refused = edge.awaitAnswer(someoneElses, WAIT).getJsonObject("content");
        assertEquals(403, refused.getJsonObject("Err").getJsonObject("ErrStatus").getInt("code"));
    }

    @Test
    void podIsDeliveredPatchedAndDeletedTheKubeletWay() throws Exception {
        V1Pod created = api.createNamespacedPod("default", pod("nginx")).execute();
        String uid = created.getMetadata().getUid();
        JsonObject insert = awaitDownstream(m -> resource(m).equals("default/pod/nginx"));
        assertEquals("insert", insert.getJsonObject("route").getString("operation"));
        assertEquals("Pod", insert.getJsonObject("content").getString("kind"));
        edge.send(ackOf(insert));

        String statusPatch = Json.createObjectBuilder()
                .add("metadata", Json.createObjectBuilder().add("uid", uid))
                .add("status", Json.createObjectBuilder().add("phase", "Running").add("podIP", "127.0.0.1")
                        .add("conditions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("type", "Ready").add("status", "True")))).build().toString();
        JsonObject podPatch = kubelet("patch", "default/podpatch/nginx", Json.createValue(statusPatch));
        edge.send(podPatch);
        JsonObject patched = edge.awaitAnswer(podPatch, WAIT).getJsonObject("content");
        assertEquals(JsonValue.NULL, patched.get("Err"), patched.toString());
        assertEquals("Running", patched.getJsonObject("Object").getJsonObject("status").getString("phase"));
        assertEquals("Running", api.readNamespacedPod("nginx", "default").execute().getStatus().getPhase());

        // A patch for another pod of that name (its UID) is refused and changes nothing.
        String stalePatch = statusPatch.replace(uid, "0000-stale").replace("Running", "Failed");
        JsonObject stale = kubelet("patch", "default/podpatch/nginx", Json.createValue(stalePatch));
        edge.send(stale);
        JsonObject refused = edge.awaitAnswer(stale, WAIT).getJsonObject("content");
        assertEquals(409, refused.getJsonObject("Err").getJsonObject("ErrStatus").getInt("code"));
        assertEquals("Running", api.readNamespacedPod("nginx", "default").execute().getStatus().getPhase());

        api.deleteNamespacedPod("nginx", "default").execute();
        JsonObject terminating = awaitDownstream(m -> resource(m).equals("default/pod/nginx")
                && m.getJsonObject("content").getJsonObject("metadata").containsKey("deletionTimestamp"));
        assertEquals("update", terminating.getJsonObject("route").getString("operation"));
        edge.send(ackOf(terminating));
        JsonObject delete = kubelet("delete", "default/pod/nginx", Json.createObjectBuilder()
                .add("gracePeriodSeconds", 0).add("preconditions", Json.createObjectBuilder().add("uid", uid)).build());
        edge.send(delete);
        assertEquals("OK", edge.awaitAnswer(delete, WAIT).getString("content"));
        awaitGone("nginx");
        JsonObject finalDelete = awaitDownstream(m -> resource(m).equals("default/pod/nginx")
                && "delete".equals(m.getJsonObject("route").getString("operation")));
        assertEquals(uid, finalDelete.getJsonObject("content").getJsonObject("metadata").getString("uid"));
        edge.send(ackOf(finalDelete));
    }

    @Test
    void statusOfAPodTheClusterNoLongerHasMakesTheCloudDeleteTheEdgesCopy() throws Exception {
        JsonObject request = Json.createObjectBuilder().add("UID", "0000-gone").add("Name", "ghost")
                .add("Status", Json.createObjectBuilder().add("phase", "Running")).build();
        JsonObject status = kubelet("update", "default/podstatus/ghost", request);
        edge.send(status);
        assertEquals("OK", edge.awaitAnswer(status, WAIT).getString("content"));
        JsonObject delete = awaitDownstream(m -> resource(m).equals("default/pod/ghost"));
        assertEquals("delete", delete.getJsonObject("route").getString("operation"));
        assertEquals("0000-gone", delete.getJsonObject("content").getJsonObject("metadata").getString("uid"));
        edge.send(ackOf(delete));
    }

    @Test
    void deviceTwinReportsAndMembershipDetailAreConfirmed() throws Exception {
        JsonObject twin = frame("twin", "resource", "update", "device/default/sensor-1/twin/edge_updated",
                Json.createObjectBuilder().add("event_id", "e1").add("timestamp", 1L).add("twin",
                        Json.createObjectBuilder().add("temperature", Json.createObjectBuilder()
                                .add("actual", Json.createObjectBuilder().add("value", "25"))
                                .add("metadata", Json.createObjectBuilder().add("type", "int")))).build());
        edge.send(twin);
        JsonObject confirmed = edge.awaitAnswer(twin, WAIT);
        assertEquals("OK", confirmed.getString("content"));
        assertEquals("twin", confirmed.getJsonObject("route").getString("group"));
        assertEquals("twin", confirmed.getJsonObject("route").getString("resource"));

        JsonObject detail = frame("twin", "resource", "get", "membership/detail", Json.createValue(
                "{\"event_type\":\"group_membership_event\",\"event_id\":\"e2\",\"group_id\":\"" + NODE
                        + "\",\"operation\":\"detail\",\"timestamp\":1}"));
        edge.send(detail);
        assertEquals("OK", edge.awaitAnswer(detail, WAIT).getString("content"));
    }

    @Test
    void anotherNodesObjectsAreForbidden() throws Exception {
        JsonObject query = kubelet("query", "default/node/other", JsonValue.NULL);
        edge.send(query);
        JsonObject answer = edge.awaitAnswer(query, WAIT).getJsonObject("content");
        assertEquals(403, answer.getJsonObject("ErrStatus").getInt("code"));
        JsonObject patch = kubelet("patch", "default/nodepatch/other", Json.createValue("{\"status\":{}}"));
        edge.send(patch);
        assertEquals(403, edge.awaitAnswer(patch, WAIT).getJsonObject("content").getJsonObject("Err")
                .getJsonObject("ErrStatus").getInt("code"));
    }

    @Test
    void malformedContentIsAnsweredBadRequestAndNotRetried() throws Exception {
        JsonObject patch = kubelet("patch", "default/podpatch/whatever", Json.createValue("not json"));
        edge.send(patch);
        JsonObject answer = edge.awaitAnswer(patch, WAIT).getJsonObject("content");
        assertEquals(400, answer.getJsonObject("Err").getJsonObject("ErrStatus").getInt("code"), answer.toString());
        JsonObject insert = kubelet("insert", "default/node/" + NODE, Json.createValue(42));
        edge.send(insert);
        assertEquals(400, edge.awaitAnswer(insert, WAIT).getJsonObject("content").getJsonObject("Err")
                .getJsonObject("ErrStatus").getInt("code"));
        // A node status with a field NodeStatus does not have: once a poison message redelivered five times with
        // stack traces; now a 400 answer, once, and nothing retried.
        JsonObject unknownField = kubelet("update", "default/nodestatus/" + NODE, Json.createObjectBuilder()
                .add("UID", "").add("Status", Json.createObjectBuilder().add("noSuchField", 1)).build());
        edge.send(unknownField);
        assertEquals(400, edge.awaitAnswer(unknownField, WAIT).getJsonObject("content").getJsonObject("Err")
                .getJsonObject("ErrStatus").getInt("code"));
        Http.pause(Duration.ofSeconds(2));
        assertTrue(!Files.readString(cloudcore.messagesLog()).contains("rejected on delivery attempt"),
                "no upstream message was redelivered");
    }

    private static JsonObject awaitDownstream(Predicate<JsonObject> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject next = edge.nextJson(WAIT);
            if (wanted.test(next)) {
                return next;
            }
            edge.send(ackOf(next));
        }
        throw new AssertionError("the wanted message did not reach the edge within " + WAIT);
    }

    private static String resource(JsonObject message) {
        return message.getJsonObject("route").getString("resource");
    }

    private static V1NodeCondition readyOf(V1Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no Ready condition on " + node.getMetadata().getName()));
    }

    private static void awaitGone(String name) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                api.readNamespacedPod(name, "default").execute();
            } catch (ApiException e) {
                if (e.getCode() == 404) {
                    return;
                }
                throw e;
            }
            Http.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("pod " + name + " was not deleted after the edge confirmed");
    }

    private static V1Pod pod(String name) {
        return new V1Pod().apiVersion("v1").kind("Pod").metadata(new V1ObjectMeta().name(name).namespace("default"))
                .spec(new V1PodSpec().nodeName(NODE).addContainersItem(
                        new V1Container().name("main").image("nginx:1.27")));
    }
}

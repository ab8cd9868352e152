package it.org.kubeedgej.synccontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SyncController's reconcile against the development API server and a stand-in edge: a pod deleted while
 * cloudcore was down (no informer event will ever report it) is deleted on its edge node once cloudcore is back,
 * once, and its ObjectSync goes when the edge acknowledges; the records of a node that does not exist are deleted.
 */
class ObjectSyncReconcileIT {

    private static final int HTTP_PORT = 19620;
    private static final int HUB_PORT = HTTP_PORT + 1000;
    private static final String NODE = "sc1";
    private static final String GROUP = "reliablesyncs.kubeedge.io";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DevCluster cluster;
    private static CoreV1Api core;
    private static CustomObjectsApi custom;
    private static TestCertificates certs;
    private static Map<String, String> env;
    private static LibertyServer cloudcore;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "objectsync-it"));
        certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        core = new CoreV1Api(cluster.client());
        custom = new CustomObjectsApi(cluster.client());
        core.createNode(new V1Node().apiVersion("v1").kind("Node").metadata(new V1ObjectMeta().name(NODE)
                .labels(Map.of("node-role.kubernetes.io/edge", "")))).execute();
        env = Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_CLOUDHUB_BROKER_DATADIR", work.resolve("artemis-" + System.nanoTime()).toString(),
                "MODULES_SYNCCONTROLLER_RECONCILESECONDS", "1");
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, env);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(cloudcore, cluster);
    }

    @Test
    void podDeletedWhileCloudCoreWasDownIsDeletedOnTheEdgeWhenCloudCoreIsBack() throws Exception {
        V1Pod created = core.createNamespacedPod("default", new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name("gone-while-down").namespace("default"))
                .spec(new V1PodSpec().nodeName(NODE).addContainersItem(new V1Container().name("main")
                        .image("busybox:1.36").command(List.of("sleep", "3600"))))).execute();
        String uid = created.getMetadata().getUid();
        try (TestEdgeClient edge = connect()) {
            JsonObject insert = edge.nextJson(WAIT);
            assertEquals("insert", insert.getJsonObject("route").getString("operation"));
            edge.send(TestEdgeClient.ackOf(insert));
        }
        awaitRecord(NODE + "." + uid, true);

        cloudcore.close();
        core.deleteNamespacedPod("gone-while-down", "default").gracePeriodSeconds(0).execute();
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, env);

        try (TestEdgeClient edge = connect()) {
            JsonObject delete = edge.nextJson(WAIT);
            assertEquals("delete", delete.getJsonObject("route").getString("operation"), delete.toString());
            assertEquals("default/pod/gone-while-down", delete.getJsonObject("route").getString("resource"));
            assertEquals(uid, delete.getJsonObject("content").getJsonObject("metadata").getString("uid"));
            edge.send(TestEdgeClient.ackOf(delete));
            awaitRecord(NODE + "." + uid, false);
            assertNull(edge.nextMessage(Duration.ofSeconds(4)), "the delete is sent once");
        }
    }

    @Test
    void recordsOfANodeThatDoesNotExistAreDeleted() throws Exception {
        String name = "ghost-node.uid-ghost";
        custom.createNamespacedCustomObject(GROUP, "v1alpha1", "default", "objectsyncs", Map.of(
                "apiVersion", GROUP + "/v1alpha1", "kind", "ObjectSync",
                "metadata", Map.of("name", name, "namespace", "default"),
                "spec", Map.of("objectAPIVersion", "v1", "objectKind", "Pod", "objectName", "ghost-pod"))).execute();
        awaitRecord(name, false);
    }

    private static void awaitRecord(String name, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Object record = custom.getNamespacedCustomObject(GROUP, "v1alpha1", "default", "objectsyncs", name)
                        .execute();
                last = record.toString();
                if (present && last.contains("objectResourceVersion")) {
                    return;
                }
            } catch (ApiException e) {
                last = "HTTP " + e.getCode();
                if (!present && e.getCode() == 404) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("ObjectSync " + name + (present ? " not written" : " not deleted") + " within "
                + WAIT + "; last seen: " + last);
    }

    private static TestEdgeClient connect() throws Exception {
        return TestEdgeClient.connect(HUB_PORT, NODE, certs.sslContextFor(NODE), TestEdgeClient.headersFor(NODE));
    }


}

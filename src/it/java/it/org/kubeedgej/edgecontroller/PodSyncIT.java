package it.org.kubeedgej.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.NodeQueueClient;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EdgeController against the development API server: pods bound to edge nodes reach their node (with Kubernetes
 * defaults and resourceVersion), updates and graceful deletes follow, status from the edge is written back, and
 * pods on other nodes are left alone.
 */
class PodSyncIT {

    private static final int HTTP_PORT = 19480;
    private static final int HUB_PORT = HTTP_PORT + 1000;
    private static final int BROKER_PORT = LibertyServer.brokerPort(HTTP_PORT);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DevCluster cluster;
    private static CoreV1Api api;
    private static TestCertificates certs;
    private static LibertyServer cloudcore;
    private static NodeQueueClient queues;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "podsync-it"));
        certs = TestCertificates.generate(work.resolve("certs"), "pn1");
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        api.createNode(node("pn1", true)).execute();
        api.createNode(node("cloud-worker", false)).execute();
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        queues = new NodeQueueClient(BROKER_PORT);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(queues, cloudcore, cluster);
    }

    @Test
    void podOnAnEdgeNodeGoesThereAndFollowsItsLifecycle() throws Exception {
        V1Pod created = api.createNamespacedPod("default", pod("web", "pn1")).execute();
        try (TestEdgeClient edge = TestEdgeClient.connect(HUB_PORT, "pn1", certs.sslContextFor("pn1"),
                TestEdgeClient.headersFor("pn1"))) {
            JsonObject insert = edge.nextJson(WAIT);
            assertEquals("insert", insert.getJsonObject("route").getString("operation"));
            assertEquals("default/pod/web", insert.getJsonObject("route").getString("resource"));
            assertEquals(created.getMetadata().getResourceVersion(),
                    insert.getJsonObject("header").getString("resourceversion"));
            JsonObject spec = insert.getJsonObject("content").getJsonObject("spec");
            assertEquals("Always", spec.getString("restartPolicy"), "Kubernetes defaults are applied");
            assertEquals("IfNotPresent", spec.getJsonArray("containers").getJsonObject(0).getString("imagePullPolicy"));
            edge.send(TestEdgeClient.ackOf(insert));

            edge.send(status("web", "Running"));
            V1Pod running = awaitPod("web", p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
            assertEquals("Running", running.getStatus().getPhase());

            api.deleteNamespacedPod("web", "default").execute();
            JsonObject terminating = edge.nextJson(WAIT);
            assertEquals("update", terminating.getJsonObject("route").getString("operation"));
            assertTrue(terminating.getJsonObject("content").getJsonObject("metadata").containsKey("deletionTimestamp"),
                    "a graceful delete reaches the edge as the pod with its deletionTimestamp");
            edge.send(TestEdgeClient.ackOf(terminating));
            edge.send(podDeleted("web"));
            awaitGone("web");
        }
    }

    @Test
    void podsOnOtherNodesAreLeftAlone() throws Exception {
        api.createNamespacedPod("default", pod("cloud-app", "cloud-worker")).execute();
        api.createNamespacedPod("default", pod("nowhere-app", "no-such-node")).execute();
        Http.pause(Duration.ofSeconds(3));
        assertEquals(List.of(), queues.waiting("cloud-worker"));
        assertEquals(List.of(), queues.waiting("no-such-node"));
    }



    private static String status(String pod, String phase) {
        return "{\"header\":{\"msg_id\":\"st-" + pod + "\",\"timestamp\":1},\"route\":{\"source\":\"edged\","
                + "\"group\":\"meta\",\"operation\":\"update\",\"resource\":\"default/podstatus/" + pod + "\"},"
                + "\"content\":{\"metadata\":{\"name\":\"" + pod + "\",\"namespace\":\"default\"},"
                + "\"status\":{\"phase\":\"" + phase + "\"}}}";
    }

    private static String podDeleted(String pod) {
        return "{\"header\":{\"msg_id\":\"del-" + pod + "\",\"timestamp\":1},\"route\":{\"source\":\"edged\","
                + "\"group\":\"meta\",\"operation\":\"delete\",\"resource\":\"default/pod/" + pod + "\"},"
                + "\"content\":null}";
    }

    private static V1Pod awaitPod(String name, Predicate<V1Pod> condition) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        V1Pod pod = api.readNamespacedPod(name, "default").execute();
        while (!condition.test(pod) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(200));
            pod = api.readNamespacedPod(name, "default").execute();
        }
        return pod;
    }

    private static void awaitGone(String name) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                api.readNamespacedPod(name, "default").execute();
            } catch (ApiException e) {
                if (e.getCode() == 404) {
                    return;
                }
            }
            Http.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("pod " + name + " was not deleted after the edge confirmed");
    }

    private static V1Node node(String name, boolean edge) {
        return new V1Node().apiVersion("v1").kind("Node").metadata(new V1ObjectMeta().name(name)
                .labels(edge ? Map.of("node-role.kubernetes.io/edge", "") : Map.of("node-role.kubernetes.io/worker", "")));
    }

    private static V1Pod pod(String name, String nodeName) {
        return new V1Pod().apiVersion("v1").kind("Pod").metadata(new V1ObjectMeta().name(name).namespace("default"))
                .spec(new V1PodSpec().nodeName(nodeName).addContainersItem(
                        new V1Container().name("main").image("busybox:1.36").command(List.of("sleep", "3600"))));
    }
}

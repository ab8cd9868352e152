package it.org.kubeedgej.metaserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.Watch;
import it.org.kubeedgej.support.ClusterWaits;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MetaServer in the real edgecore: a pod created through the API server for the edge node reaches edgecore (through
 * cloudcore and MetaManager's Derby store), and an edge app using the official Kubernetes client against
 * MetaServer reads it, lists it and watches it arrive and change. Running the pod is not needed (no Docker here).
 */
class MetaServerIT {

    private static final String NODE = "it-meta-node";
    private static final int CLOUD_HTTP = 19980;
    private static final int EDGE_HTTP = 19981;
    private static final int METASERVER_PORT = 19982;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static DevCluster cluster;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static CoreV1Api cloud;
    private static ApiClient edgeClient;
    private static CoreV1Api edge;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "metaserver-it"));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        cloud = new CoreV1Api(cluster.client());
        cloudcore = LibertyServer.start("cloudcore", CLOUD_HTTP, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        Map<String, String> edgeEnv = EdgeCoreEnv.of(NODE, CLOUD_HTTP + 1000, certs,
                work.resolve("edge-db-" + System.nanoTime()),
                "MODULES_METAMANAGER_METASERVER_SERVER", "127.0.0.1:" + METASERVER_PORT);
        if (System.getenv("DOCKER_HOST") != null) {
            edgeEnv.put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
        }
        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, edgeEnv);
        edgeClient = new ClientBuilder().setBasePath("http://127.0.0.1:" + METASERVER_PORT).build();
        edgeClient.setHttpClient(edgeClient.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build());
        edge = new CoreV1Api(edgeClient);
        ClusterWaits.nodeRegistered(cloud, NODE, WAIT);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(edgecore, cloudcore, cluster);
    }

    @Test
    void podCreatedInTheClusterIsReadListedAndWatchedThroughMetaServer() throws Exception {
        BlockingQueue<Watch.Response<V1Pod>> events = new LinkedBlockingQueue<>();
        Watch<V1Pod> watch = Watch.createWatch(edgeClient, edge.listNamespacedPod("default").watch(true)
                .buildCall(null), new TypeToken<Watch.Response<V1Pod>>() { }.getType());
        Thread reader = new Thread(() -> {
            try {
                watch.forEach(events::add);
            } catch (RuntimeException closed) {
                // the test closed the watch
            }
        }, "metaserver-it-watch");
        reader.start();
        try {
            V1Pod created = cloud.createNamespacedPod("default", new V1Pod().apiVersion("v1").kind("Pod")
                    .metadata(new V1ObjectMeta().name("edge-app").namespace("default").labels(Map.of("app", "meta")))
                    .spec(new V1PodSpec().nodeName(NODE).addContainersItem(new V1Container().name("main")
                            .image("busybox:latest").command(List.of("sleep", "3600"))))).execute();

            Watch.Response<V1Pod> added = next(events, "ADDED");
            assertEquals("edge-app", added.object.getMetadata().getName());

            V1Pod read = edge.readNamespacedPod("edge-app", "default").execute();
            assertEquals(created.getMetadata().getUid(), read.getMetadata().getUid());
            assertEquals(NODE, read.getSpec().getNodeName());
            assertEquals("Pod", read.getKind());
            assertEquals(List.of("edge-app"), edge.listPodForAllNamespaces().labelSelector("app=meta").execute()
                    .getItems().stream().map(p -> p.getMetadata().getName()).toList());

            V1Pod labelled = cloud.readNamespacedPod("edge-app", "default").execute();
            labelled.getMetadata().putLabelsItem("stage", "two");
            cloud.replaceNamespacedPod("edge-app", "default", labelled).execute();
            Watch.Response<V1Pod> modified = next(events, "MODIFIED");
            assertEquals("two", modified.object.getMetadata().getLabels().get("stage"));
            assertEquals("two", edge.readNamespacedPod("edge-app", "default").execute().getMetadata().getLabels()
                    .get("stage"));

            assertEquals(404, assertThrows(ApiException.class,
                    () -> edge.readNamespacedPod("not-on-this-node", "default").execute()).getCode());
            assertEquals(405, assertThrows(ApiException.class, () -> edge.deleteNamespacedPod("edge-app", "default")
                    .execute()).getCode(), "MetaServer is read-only");
        } finally {
            watch.close();
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Test
    void openWatchesHoldNoDatabaseConnection() throws Exception {
        // More watches than the edge database has connections (8): each once held one for its whole life.
        List<java.io.InputStream> watches = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:"
                        + METASERVER_PORT + "/api/v1/pods?watch=true").toURL().openConnection();
                watches.add(c.getInputStream());
            }
            // With the watches holding the pool, the database check waited for a connection and readiness said DOWN.
            java.net.http.HttpResponse<String> ready = Http.get(edgecore.url("/health/ready"));
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals(List.of(), edge.listNamespacedPod("default").labelSelector("app=none").execute().getItems(),
                    "a list still reads the database");
        } finally {
            for (java.io.InputStream watch : watches) {
                watch.close();
            }
        }
    }

    /** @return the next event of the type, skipping others (status updates from the edge come back as MODIFIED) */
    private static Watch.Response<V1Pod> next(BlockingQueue<Watch.Response<V1Pod>> events, String type)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Watch.Response<V1Pod> event = events.poll(Math.max(1, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            if (event != null && type.equals(event.type) && (!"MODIFIED".equals(type)
                    || event.object.getMetadata().getLabels().containsKey("stage"))) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event through MetaServer within " + WAIT);
    }
}

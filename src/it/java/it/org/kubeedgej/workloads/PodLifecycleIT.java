package it.org.kubeedgej.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import it.org.kubeedgej.support.ClusterWaits;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestDocker;
import it.org.kubeedgej.support.TestCertificates;
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
 * The seed's walk with every real part: a pod applied through the API for the edge node runs as a Docker
 * container under the real edgecore, reaches Running in the API, and a delete stops the container and removes
 * the pod.
 */
class PodLifecycleIT {

    private static final String NODE = "it-workload-node";
    private static final int CLOUD_HTTP = 19680;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static DevCluster cluster;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static DockerClient docker;
    private static CoreV1Api api;

    @BeforeAll
    static void start() throws Exception {
        String dockerHost = System.getenv("DOCKER_HOST");
        assertNotNull(dockerHost, "DOCKER_HOST is not set: run the tests through bin/kubeedge-j test");
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "workload-it"));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        cloudcore = LibertyServer.start("cloudcore", CLOUD_HTTP, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        edgecore = LibertyServer.start("edgecore", 19681, EdgeCoreEnv.of(NODE, CLOUD_HTTP + 1000, certs,
                work.resolve("edge-db-" + System.nanoTime()),
                "DOCKER_HOST", dockerHost));
        docker = TestDocker.client(dockerHost);
        ClusterWaits.nodeRegistered(api, NODE, WAIT);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(edgecore, cloudcore, cluster, docker);
    }

    @Test
    void podAppliedForTheEdgeNodeRunsAsAContainerAndIsDeletedGracefully() throws Exception {
        V1Pod created = api.createNamespacedPod("default", new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name("hello").namespace("default"))
                .spec(new V1PodSpec().nodeName(NODE).hostNetwork(true).terminationGracePeriodSeconds(5L)
                        .addContainersItem(new V1Container().name("main").image("busybox:latest")
                                .imagePullPolicy("IfNotPresent").command(List.of("sh", "-c", "sleep 3600")))))
                .execute();
        String uid = created.getMetadata().getUid();

        V1Pod running = awaitPod(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
        assertEquals("Running", running.getStatus().getPhase(), "pod status: " + running.getStatus());
        assertEquals(1, containersOf(uid).size(), "one container labelled with the pod's UID");

        api.deleteNamespacedPod("hello", "default").execute();
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean gone = false;
        while (!gone && System.nanoTime() < deadline) {
            try {
                api.readNamespacedPod("hello", "default").execute();
                Http.pause(Duration.ofMillis(250));
            } catch (ApiException e) {
                gone = e.getCode() == 404;
            }
        }
        assertTrue(gone, "the pod was not removed after the edge stopped it");
        assertTrue(containersOf(uid).isEmpty(), "the pod's container is still there");
    }

    private static List<Container> containersOf(String uid) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.kubeedgej.pod.uid", uid)).exec();
    }

    private static V1Pod awaitPod(Predicate<V1Pod> condition) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        V1Pod pod = api.readNamespacedPod("hello", "default").execute();
        while (!condition.test(pod) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(250));
            pod = api.readNamespacedPod("hello", "default").execute();
        }
        return pod;
    }
}

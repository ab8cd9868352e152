package it.org.kubeedgej.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestDocker;
import it.org.kubeedgej.support.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Offline autonomy, where KubeEdge users hurt most, with every real part: with CloudCore gone the edge keeps its
 * pods running and restarts them per restartPolicy; an EdgeCore restarted while the cloud is down brings its pods
 * back from Derby without recreating running containers; after a reboot-like loss of every container (cloud still
 * down) the pods come back; when the cloud returns nothing running is recreated and what changed in the cloud
 * meanwhile arrives; a pod the cluster lost while the edge could not hear it (pod and ObjectSync gone) is removed
 * once the edge reconnects and asks for its pods. The steps build on each other, so they run in order on one set of servers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineAutonomyIT {

    private static final String NODE = "it-offline-node";
    private static final int CLOUD_HTTP = 19690;
    private static final int EDGE_HTTP = 19691;
    private static final String NAMESPACE = "default";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final String SYNC_GROUP = "reliablesyncs.kubeedge.io";
    private static final String SYNC_VERSION = "v1alpha1";
    private static final List<String> NODE_PODS = List.of("steady", "late", "orphan");

    private static DevCluster cluster;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static DockerClient docker;
    private static CoreV1Api api;
    private static Map<String, String> cloudEnv;
    private static Map<String, String> edgeEnv;
    private static String steadyUid;
    private static String steadyContainerId;

    @BeforeAll
    static void start() throws Exception {
        String dockerHost = System.getenv("DOCKER_HOST");
        assertNotNull(dockerHost, "DOCKER_HOST is not set: run the tests through bin/kubeedge-j test");
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "offline-it"));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        cloudEnv = Map.of("KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                // One broker journal across the CloudCore restart, as in production.
                "MODULES_CLOUDHUB_BROKER_DATADIR", work.resolve("broker-" + System.nanoTime()).toString());
        // The edge database outlives edgecore restarts: that is what offline autonomy rests on.
        edgeEnv = EdgeCoreEnv.of(NODE, CLOUD_HTTP + 1000, certs, work.resolve("edge-db-" + System.nanoTime()),
                "DOCKER_HOST", dockerHost);
        cloudcore = LibertyServer.start("cloudcore", CLOUD_HTTP, cloudEnv);
        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, edgeEnv);
        docker = TestDocker.client(dockerHost);
    }

    @AfterAll
    static void stop() {
        try {
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("io.kubeedgej.pod.namespace", NAMESPACE)).exec()) {
                if (NODE_PODS.contains(c.getLabels().get("io.kubeedgej.pod.name"))) {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                }
            }
        } catch (RuntimeException e) {
            // best effort: the engine is stopped after the suite anyway
        }
        Stoppables.stopAll(edgecore, cloudcore, cluster, docker);
    }

    @Test
    @Order(1)
    void podRunsWhileTheCloudIsThere() throws Exception {
        V1Pod created = api.createNamespacedPod(NAMESPACE, pod("steady", "Always", "sleep 3600")).execute();
        steadyUid = created.getMetadata().getUid();
        V1Pod running = awaitPod("steady", p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
        assertEquals("Running", running.getStatus().getPhase(), "status: " + running.getStatus());
        steadyContainerId = runningContainer(steadyUid).orElseThrow().getId();
    }

    @Test
    @Order(2)
    void withTheCloudGoneACrashedContainerIsRestartedPerRestartPolicy() {
        cloudcore.close();
        awaitEdgeConnected(false);
        docker.killContainerCmd(steadyContainerId).exec();

        Container restarted = await(() -> onlyRunningContainer(steadyUid)
                .filter(c -> !c.getId().equals(steadyContainerId)), "a restarted container of pod steady");
        // At least one restart (a start that fails counts as one, as with the kubelet).
        assertTrue(Integer.parseInt(restarted.getLabels().get("io.kubeedgej.container.restartCount")) >= 1,
                "labels: " + restarted.getLabels());
        steadyContainerId = restarted.getId();
    }

    @Test
    @Order(3)
    void edgecoreRestartedWhileTheCloudIsDownKeepsItsRunningPods() {
        edgecore.close();
        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, edgeEnv);
        awaitLog(edgecore, "edged restored 1 pod(s) from the edge database");
        // A sync after the restore finds the container running and leaves it alone.
        Http.pause(Duration.ofSeconds(12));
        assertEquals(steadyContainerId, runningContainer(steadyUid).map(Container::getId).orElse("none"),
                "the running container was recreated by an edgecore restart");
        // The previous, exited attempt may be kept (for lastState); only one may run.
        assertEquals(1, containersOf(steadyUid).stream().filter(c -> "running".equals(c.getState())).count());
    }

    @Test
    @Order(4)
    void afterARebootLikeLossOfEveryContainerThePodsComeBackFromTheEdgeDatabase() {
        edgecore.close();
        containersOf(steadyUid).forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        assertTrue(containersOf(steadyUid).isEmpty());

        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, edgeEnv);
        Container back = await(() -> runningContainer(steadyUid), "pod steady's container after the reboot");
        steadyContainerId = back.getId();
    }

    @Test
    @Order(5)
    void whenTheCloudReturnsNothingRunningIsRecreatedAndCloudChangesArrive() throws Exception {
        // Made in the cloud while the edge cannot hear about it.
        V1Pod late = api.createNamespacedPod(NAMESPACE, pod("late", "Always", "sleep 3600")).execute();

        cloudcore = LibertyServer.start("cloudcore", CLOUD_HTTP, cloudEnv);
        awaitEdgeConnected(true);
        await(() -> runningContainer(late.getMetadata().getUid()), "pod late, created while the edge was offline");
        V1Pod lateInApi = awaitPod("late", p -> p.getStatus() != null
                && "Running".equals(p.getStatus().getPhase()));
        assertEquals("Running", lateInApi.getStatus().getPhase());
        V1Pod steady = awaitPod("steady", p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
        assertEquals("Running", steady.getStatus().getPhase());

        assertEquals(steadyContainerId, runningContainer(steadyUid).map(Container::getId).orElse("none"),
                "reconnecting recreated a running pod's container");
        // The previous, exited attempt may be kept (for lastState); only one may run.
        assertEquals(1, containersOf(steadyUid).stream().filter(c -> "running".equals(c.getState())).count());
    }

    @Test
    @Order(6)
    void aPodDeletedWhileTheEdgeCouldNotHearIsRemovedAfterItReconnects() throws Exception {
        V1Pod orphan = api.createNamespacedPod(NAMESPACE, pod("orphan", "Always", "sleep 3600")).execute();
        String uid = orphan.getMetadata().getUid();
        await(() -> runningContainer(uid), "pod orphan's container");
        await(() -> objectSyncOf(uid), "the ObjectSync of pod orphan (the edge acknowledged it)");

        cloudcore.close();
        awaitEdgeConnected(false);
        // As a cluster restored from an older backup: the pod and its ObjectSync record are gone, so neither the
        // pod informer nor SyncController has anything left to send a delete for.
        api.deleteNamespacedPod("orphan", NAMESPACE).gracePeriodSeconds(0).execute();
        new CustomObjectsApi(cluster.client()).deleteNamespacedCustomObject(SYNC_GROUP, SYNC_VERSION, NAMESPACE,
                "objectsyncs", NODE + "." + uid).execute();

        cloudcore = LibertyServer.start("cloudcore", CLOUD_HTTP, cloudEnv);
        awaitEdgeConnected(true);
        await(() -> containersOf(uid).isEmpty() ? Optional.of(true) : Optional.empty(),
                "pod orphan's containers removed after the edge asked the cloud for its pods");
        awaitLog(edgecore, "pod default/pod/orphan (UID " + uid + ") is no longer in the cluster");
        assertEquals(steadyContainerId, runningContainer(steadyUid).map(Container::getId).orElse("none"),
                "a pod the cluster still has is left running");
    }

    private static Optional<Object> objectSyncOf(String uid) {
        try {
            return Optional.of(new CustomObjectsApi(cluster.client()).getNamespacedCustomObject(SYNC_GROUP,
                    SYNC_VERSION, NAMESPACE, "objectsyncs", NODE + "." + uid).execute());
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static V1Pod pod(String name, String restartPolicy, String script) {
        return new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name(name).namespace(NAMESPACE))
                .spec(new V1PodSpec().nodeName(NODE).hostNetwork(true).terminationGracePeriodSeconds(2L)
                        .restartPolicy(restartPolicy)
                        .addContainersItem(new V1Container().name("main").image("busybox:latest")
                                .imagePullPolicy("IfNotPresent").command(List.of("sh", "-c", script))));
    }

    private static List<Container> containersOf(String uid) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.kubeedgej.pod.uid", uid)).exec();
    }

    /** The pod's running container once exactly one runs. */
    private static Optional<Container> onlyRunningContainer(String uid) {
        List<Container> running = containersOf(uid).stream().filter(c -> "running".equals(c.getState())).toList();
        return running.size() == 1 ? Optional.of(running.get(0)) : Optional.empty();
    }

    private static Optional<Container> runningContainer(String uid) {
        return containersOf(uid).stream().filter(c -> "running".equals(c.getState())).findFirst();
    }

    private static <T> T await(Supplier<Optional<T>> probe, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Http.pause(Duration.ofMillis(500));
        }
        throw new AssertionError("not seen within " + WAIT + ": " + what);
    }

    private static V1Pod awaitPod(String name, Predicate<V1Pod> condition) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                V1Pod pod = api.readNamespacedPod(name, NAMESPACE).execute();
                if (condition.test(pod) || System.nanoTime() > deadline) {
                    return pod;
                }
            } catch (ApiException e) {
                if (e.getCode() != 404 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Http.pause(Duration.ofMillis(250));
        }
    }

    private static void awaitEdgeConnected(boolean connected) {
        await(() -> {
            try {
                boolean up = Http.check(Http.json(Http.get(edgecore.url("/health/ready")).body()),
                        "cloud-connection").getString("status").equals("UP");
                return up == connected ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }, "edgecore's cloud-connection check " + (connected ? "UP" : "DOWN"));
    }

    private static void awaitLog(LibertyServer server, String text) {
        await(() -> {
            try {
                return Files.readString(server.messagesLog()).contains(text) ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }, "\"" + text + "\" in " + server.messagesLog());
    }
}

package it.org.kubeedgej.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Pod;
import it.org.kubeedgej.support.ClusterWaits;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 5: the Events a kubelet records, as the API shows them for edge pods and the edge node (what
 * {@code kubectl get events} and {@code kubectl describe} read), with every real part: development API server,
 * cloudcore, edgecore and dockerd. A container that exits and is restarted (Created and Started counted on one
 * Event each, BackOff counted), a liveness probe that starts failing (Unhealthy, then Killing), an image name that
 * cannot be parsed, and the node's Starting and NodeReady.
 */
class KubeletEventsIT {

    private static final String NODE = "it-events-node";
    private static final int CLOUD_HTTP = 20000;
    private static final int EDGE_HTTP = 20001;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static DevCluster cluster;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static DockerClient docker;
    private static CoreV1Api api;
    private static final List<String> uids = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        String dockerHost = System.getenv("DOCKER_HOST");
        assertNotNull(dockerHost, "DOCKER_HOST is not set: run the tests through bin/kubeedge-j test");
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "kubelet-events-it"));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        cloudcore = LibertyServer.start("cloudcore", CLOUD_HTTP, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, EdgeCoreEnv.of(NODE, CLOUD_HTTP + 1000, certs,
                work.resolve("edge-db-" + System.nanoTime()),
                "MODULES_EDGED_PODSYNCPERIOD", "2",
                "DOCKER_HOST", dockerHost));
        docker = TestDocker.client(dockerHost);
        ClusterWaits.nodeRegistered(api, NODE, WAIT);

        create("crashing", "busybox:latest", "sleep 1; exit 1", "");
        create("liveness", "busybox:latest", "touch /tmp/healthy; sleep 3; rm /tmp/healthy; sleep 600", """
                ,"livenessProbe":{"exec":{"command":["cat","/tmp/healthy"]},"initialDelaySeconds":1,
                 "periodSeconds":1,"failureThreshold":2}""");
        create("bad-image-name", "Not A Valid/Image:1", "sleep 600", "");
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(edgecore, KubeletEventsIT::removeContainers, cloudcore, cluster, docker);
    }

    private static void removeContainers() {
        if (docker == null) {
            return;
        }
        for (String uid : uids) {
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("io.kubeedgej.pod.uid", uid)).exec()) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // fine
                }
            }
        }
    }

    @Test
    void aContainerThatExitsAndRestartsIsStartedTwiceOnOneEventAndBacksOff() throws Exception {
        V1Pod pod = api.readNamespacedPod("crashing", "default").execute();
        CoreV1Event started = await("crashing", "Started", e -> count(e) >= 2);
        assertEquals("Normal", started.getType(), "event: " + started);
        assertEquals("Started container main", started.getMessage());
        assertTrue(count(started) >= 2, "Started counted on one Event: " + started);
        assertEquals(pod.getMetadata().getUid(), started.getInvolvedObject().getUid());
        assertEquals("Pod", started.getInvolvedObject().getKind());
        assertEquals("v1", started.getInvolvedObject().getApiVersion());
        assertEquals("default", started.getInvolvedObject().getNamespace());
        assertEquals("spec.containers{main}", started.getInvolvedObject().getFieldPath());
        assertEquals("kubelet", started.getSource().getComponent());
        assertEquals(NODE, started.getSource().getHost());
        assertTrue(started.getLastTimestamp().isAfter(started.getFirstTimestamp()), "a later occurrence: " + started);
        assertTrue(started.getMetadata().getName().startsWith("crashing."), started.getMetadata().getName());

        CoreV1Event created = await("crashing", "Created", e -> count(e) >= 2);
        assertEquals("Created container: main", created.getMessage());
        assertTrue(count(created) >= 2, "Created counted too: " + created);

        CoreV1Event backOff = await("crashing", "BackOff", e -> count(e) > 1);
        assertEquals("Warning", backOff.getType());
        assertTrue(count(backOff) > 1, "BackOff repeated on one Event: " + backOff);
        assertEquals("Back-off restarting failed container main in pod crashing_default(" + pod.getMetadata().getUid()
                + ")", backOff.getMessage());
        assertEquals(1, events("crashing", "Started").size(), "one Started Event, counted: " + events("crashing",
                "Started"));
    }

    @Test
    void aFailingLivenessProbeIsUnhealthyThenKilled() throws Exception {
        CoreV1Event unhealthy = await("liveness", "Unhealthy", e -> true);
        assertEquals("Warning", unhealthy.getType());
        assertTrue(unhealthy.getMessage().startsWith("Liveness probe failed: "), unhealthy.getMessage());
        assertTrue(unhealthy.getMessage().contains("/tmp/healthy"), "the probe's output: " + unhealthy.getMessage());
        assertEquals("spec.containers{main}", unhealthy.getInvolvedObject().getFieldPath());

        CoreV1Event killing = await("liveness", "Killing", e -> true);
        assertEquals("Normal", killing.getType());
        assertEquals("Container main failed liveness probe, will be restarted", killing.getMessage());
    }

    @Test
    void anImageNameThatCannotBeParsedFailsWithInvalidImageName() throws Exception {
        CoreV1Event failed = await("bad-image-name", "Failed", e -> "Error: InvalidImageName".equals(e.getMessage()));
        assertEquals("Warning", failed.getType());
        assertEquals("Error: InvalidImageName", failed.getMessage());
        CoreV1Event inspect = await("bad-image-name", "InspectFailed", e -> true);
        assertTrue(inspect.getMessage().contains("invalid reference format"), inspect.getMessage());
    }

    @Test
    void theNodeReportsStartingAndReady() throws Exception {
        CoreV1Event starting = awaitNode("Starting");
        assertEquals("Starting kubelet.", starting.getMessage());
        assertEquals("Normal", starting.getType());
        assertEquals(NODE, starting.getInvolvedObject().getUid(), "the kubelet's nodeRef has the name as UID");
        CoreV1Event ready = awaitNode("NodeReady");
        assertEquals("Node " + NODE + " status is now: NodeReady", ready.getMessage());
        assertEquals("default", ready.getMetadata().getNamespace());
    }

    private static void create(String name, String image, String script, String extra) throws Exception {
        String json = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default"},
                 "spec":{"nodeName":"%s","restartPolicy":"Always","terminationGracePeriodSeconds":1,
                  "containers":[{"name":"main","image":"%s","imagePullPolicy":"IfNotPresent",
                   "command":["sh","-c","%s"]%s}]}}""".formatted(name, NODE, image, script, extra);
        uids.add(api.createNamespacedPod("default", JSON.deserialize(json, V1Pod.class)).execute().getMetadata()
                .getUid());
    }

    private static int count(CoreV1Event e) {
        return e.getCount() == null ? 0 : e.getCount();
    }

    private static List<CoreV1Event> events(String object, String reason) throws ApiException {
        return api.listNamespacedEvent("default").execute().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && object.equals(e.getInvolvedObject().getName())
                        && reason.equals(e.getReason()))
                .toList();
    }

    /** Polls the API until an Event of the pod with that reason meets the condition; returns the last one seen. */
    private static CoreV1Event await(String pod, String reason, Predicate<CoreV1Event> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        CoreV1Event last = null;
        while (System.nanoTime() < deadline) {
            for (CoreV1Event e : events(pod, reason)) {
                last = e;
                if (condition.test(e)) {
                    return e;
                }
            }
            Http.pause(Duration.ofMillis(500));
        }
        assertNotNull(last, "no " + reason + " Event for " + pod + " within " + WAIT + "; events: "
                + api.listNamespacedEvent("default").execute().getItems().stream()
                        .map(e -> e.getInvolvedObject().getName() + " " + e.getReason() + " x" + e.getCount()).toList());
        return last;
    }

    private static CoreV1Event awaitNode(String reason) throws Exception {
        CoreV1Event e = await(NODE, reason, x -> "Node".equals(x.getInvolvedObject().getKind()));
        assertEquals("Node", e.getInvolvedObject().getKind());
        return e;
    }
}

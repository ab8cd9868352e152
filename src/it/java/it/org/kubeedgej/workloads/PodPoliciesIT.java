package it.org.kubeedgej.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restart policies, probes and pods that cannot run, with every real part (development API server, cloudcore,
 * edgecore, dockerd), checked through the API as kubectl would show them. All pods are created at once so their
 * waits overlap: restartPolicy Never/OnFailure/Always, a missing image (ErrImagePull, then ImagePullBackOff, other
 * pods unaffected), an exec liveness probe that starts failing (the container is restarted), an exec readiness
 * probe (Ready stays False until the file it checks exists), pods Docker rejects (memory limit of 1 byte; a command
 * that does not exist), and a pod bound to a node that is not an edge node (never run).
 */
class PodPoliciesIT {

    private static final String NODE = "it-policies-node";
    private static final int CLOUD_HTTP = 19940;
    private static final int EDGE_HTTP = 19941;
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
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "pod-policies-it"));
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

        api.createNode(new V1Node().apiVersion("v1").kind("Node").metadata(new V1ObjectMeta().name("plain-node")))
                .execute();
        create("never-fails", "Never", "exit 1", "");
        create("onfailure-succeeds", "OnFailure", "exit 0", "");
        create("onfailure-fails", "OnFailure", "sleep 1; exit 1", "");
        create("always-restarts", "Always", "sleep 1; exit 0", "");
        create("missing-image", "Always", "sleep 600", "");
        create("liveness", "Always", "touch /tmp/healthy; sleep 4; rm /tmp/healthy; sleep 600", """
                ,"livenessProbe":{"exec":{"command":["cat","/tmp/healthy"]},"initialDelaySeconds":1,
                 "periodSeconds":1,"failureThreshold":2}""");
        create("readiness", "Always", "sleep 600", """
                ,"readinessProbe":{"exec":{"command":["cat","/tmp/ready"]},"periodSeconds":1}""");
        create("too-little-memory", "Always", "sleep 600", """
                ,"resources":{"limits":{"memory":"1"}}""");
        create("bad-command", "Never", "", "");
        create("bad-image-name", "Always", "sleep 3600", "");
        create("elsewhere", "Always", "sleep 600", "");
    }

    @AfterAll
    static void stop() {
        // Containers outlive edgecore: once it has stopped, take this class's away so later tests start clean.
        Stoppables.stopAll(edgecore, PodPoliciesIT::removeContainers, cloudcore, cluster, docker);
    }

    private static void removeContainers() {
        if (docker == null) {
            return;
        }
        for (String uid : uids) {
            for (Container c : containersOf(uid)) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                } catch (NotFoundException alreadyGone) {
                    // fine
                }
            }
        }
    }

    @Test
    void neverFailedIsFailedAndNotRestarted() throws Exception {
        V1Pod pod = awaitPod("never-fails", p -> phase(p).equals("Failed"));
        assertEquals("Failed", phase(pod), "status: " + pod.getStatus());
        assertEquals(1, status(pod).getState().getTerminated().getExitCode());
        Http.pause(Duration.ofSeconds(3));
        pod = api.readNamespacedPod("never-fails", "default").execute();
        assertEquals(0, status(pod).getRestartCount());
        assertEquals(1, containersOf(pod.getMetadata().getUid()).size(), "one attempt only");
    }

    @Test
    void onFailureSucceedsOnExitZeroAndRestartsOnExitOne() throws Exception {
        V1Pod ok = awaitPod("onfailure-succeeds", p -> phase(p).equals("Succeeded"));
        assertEquals("Succeeded", phase(ok), "status: " + ok.getStatus());
        assertEquals(0, status(ok).getRestartCount());

        V1Pod failing = awaitPod("onfailure-fails", p -> restarts(p) >= 1);
        assertTrue(restarts(failing) >= 1, "status: " + failing.getStatus());
        assertEquals("Running", phase(failing), "OnFailure keeps a failing pod running (restarting)");
        assertEquals(1, awaitPod("onfailure-fails", p -> status(p).getLastState() != null
                && status(p).getLastState().getTerminated() != null).getStatus().getContainerStatuses().get(0)
                .getLastState().getTerminated().getExitCode());
    }

    @Test
    void alwaysRestartsACompletedContainer() throws Exception {
        V1Pod pod = awaitPod("always-restarts", p -> restarts(p) >= 1);
        assertTrue(restarts(pod) >= 1, "status: " + pod.getStatus());
        assertEquals("Running", phase(pod));
    }

    @Test
    void missingImageWaitsWithErrImagePullThenImagePullBackOffAndOtherPodsRun() throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        V1Pod pod = awaitPod("missing-image", p -> {
            seen.add(waitingReason(p));
            return seen.contains("ErrImagePull") && seen.contains("ImagePullBackOff");
        });
        assertTrue(seen.contains("ErrImagePull") && seen.contains("ImagePullBackOff"), "reasons seen: " + seen);
        assertEquals("Pending", phase(pod));
        assertTrue(status(pod).getState().getWaiting().getMessage().contains("kubeedgej/does-not-exist:1"));
        assertTrue(containersOf(pod.getMetadata().getUid()).isEmpty(), "nothing was created for it");
        assertEquals("Running", phase(awaitPod("readiness", p -> phase(p).equals("Running"))), "other pods run");
    }

    @Test
    void failingLivenessProbeRestartsTheContainer() throws Exception {
        V1Pod pod = awaitPod("liveness", p -> restarts(p) >= 1);
        assertTrue(restarts(pod) >= 1, "status: " + pod.getStatus());
        V1ContainerState last = status(pod).getLastState();
        assertNotNull(last.getTerminated(), "lastState: " + last);
        assertTrue(last.getTerminated().getExitCode() != 0, "killed: " + last.getTerminated());
        String log = Files.readString(edgecore.messagesLog());
        assertTrue(log.contains("pod default/liveness: Container main failed liveness probe, will be restarted"),
                "edgecore log names pod and container");
    }

    @Test
    void readinessProbeHoldsReadyFalseUntilItsFileExists() throws Exception {
        V1Pod running = awaitPod("readiness", p -> phase(p).equals("Running"));
        assertEquals("Running", phase(running));
        Http.pause(Duration.ofSeconds(3)); // several failed probes
        running = api.readNamespacedPod("readiness", "default").execute();
        assertEquals("False", condition(running, "Ready"), "status: " + running.getStatus());
        assertEquals("False", condition(running, "ContainersReady"));
        assertFalse(status(running).getReady());
        assertTrue(status(running).getStarted(), "no startup probe: started once running");

        String id = containersOf(running.getMetadata().getUid()).get(0).getId();
        String exec = docker.execCreateCmd(id).withCmd("touch", "/tmp/ready").exec().getId();
        docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(10, TimeUnit.SECONDS);

        V1Pod ready = awaitPod("readiness", p -> condition(p, "Ready").equals("True"));
        assertEquals("True", condition(ready, "Ready"), "status: " + ready.getStatus());
        assertEquals("True", condition(ready, "ContainersReady"));
        assertTrue(status(ready).getReady());
        assertEquals(0, status(ready).getRestartCount(), "readiness never restarts");
    }

    @Test
    void podsDockerRejectsGetAClearStatus() throws Exception {
        V1Pod tiny = awaitPod("too-little-memory", p -> waitingReason(p).equals("CreateContainerError"));
        assertEquals("CreateContainerError", waitingReason(tiny), "status: " + tiny.getStatus());
        String message = status(tiny).getState().getWaiting().getMessage();
        assertTrue(message.contains("Minimum memory limit"), message);
        assertEquals("Pending", phase(tiny));

        V1Pod bad = awaitPod("bad-command", p -> phase(p).equals("Failed"));
        assertEquals("Failed", phase(bad), "status: " + bad.getStatus());
        assertEquals("StartError", status(bad).getState().getTerminated().getReason());
        String why = status(bad).getState().getTerminated().getMessage();
        assertTrue(why.contains("/no/such/bin") && why.contains("No such file or directory"), why);

        V1Pod invalid = awaitPod("bad-image-name", p -> waitingReason(p).equals("InvalidImageName"));
        assertEquals("InvalidImageName", waitingReason(invalid), "as the kubelet reports it: " + invalid.getStatus());
        assertTrue(status(invalid).getState().getWaiting().getMessage().contains("invalid reference format"));
        assertEquals("Pending", phase(invalid));
    }

    @Test
    void podForANodeThatIsNotAnEdgeNodeIsNotRun() throws Exception {
        // By the time the edge has finished a pod created after it, it would have seen this one too.
        awaitPod("onfailure-succeeds", p -> phase(p).equals("Succeeded"));
        Http.pause(Duration.ofSeconds(3));
        V1Pod pod = api.readNamespacedPod("elsewhere", "default").execute();
        assertTrue(containersOf(pod.getMetadata().getUid()).isEmpty(), "no container for a pod of plain-node");
        assertTrue(pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null,
                "no edge reported on it: " + pod.getStatus());
        assertFalse(phase(pod).equals("Running"), "not running anywhere");
    }

    /** Creates a busybox pod on the edge node (or plain-node for "elsewhere"), with extra container fields. */
    private static void create(String name, String restartPolicy, String script, String extra) throws Exception {
        String node = name.equals("elsewhere") ? "plain-node" : NODE;
        String image = name.equals("missing-image") ? "kubeedgej/does-not-exist:1"
                : name.equals("bad-image-name") ? "Not A Valid/Image:1" : "busybox:latest";
        String command = name.equals("bad-command") ? "[\"/no/such/bin\"]"
                : "[\"sh\",\"-c\",\"" + script + "\"]";
        String json = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default"},
                 "spec":{"nodeName":"%s","restartPolicy":"%s","terminationGracePeriodSeconds":2,
                  "containers":[{"name":"main","image":"%s","imagePullPolicy":"IfNotPresent","command":%s%s}]}}"""
                .formatted(name, node, restartPolicy, image, command, extra);
        V1Pod created = api.createNamespacedPod("default", JSON.deserialize(json, V1Pod.class)).execute();
        uids.add(created.getMetadata().getUid());
    }

    private static V1ContainerStatus status(V1Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0);
    }

    private static boolean hasStatus(V1Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
                && !pod.getStatus().getContainerStatuses().isEmpty();
    }

    private static int restarts(V1Pod pod) {
        return hasStatus(pod) ? status(pod).getRestartCount() : 0;
    }

    private static String phase(V1Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
    }

    private static String waitingReason(V1Pod pod) {
        if (!hasStatus(pod) || status(pod).getState() == null || status(pod).getState().getWaiting() == null) {
            return "";
        }
        String reason = status(pod).getState().getWaiting().getReason();
        return reason == null ? "" : reason;
    }

    private static String condition(V1Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return "";
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                .map(V1PodCondition::getStatus).findFirst().orElse("");
    }

    private static List<Container> containersOf(String uid) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.kubeedgej.pod.uid", uid)).exec();
    }

    private static V1Pod awaitPod(String name, Predicate<V1Pod> condition) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        V1Pod pod = api.readNamespacedPod(name, "default").execute();
        while (!safely(condition, pod) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(250));
            pod = api.readNamespacedPod(name, "default").execute();
        }
        return pod;
    }

    /** A condition reading a status not written yet is simply not met. */
    private static boolean safely(Predicate<V1Pod> condition, V1Pod pod) {
        try {
            return condition.test(pod);
        } catch (NullPointerException | IndexOutOfBoundsException notYet) {
            return false;
        }
    }
}

package it.org.kubeedgej.ha;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import it.org.kubeedgej.faults.ChangeStreams;
import it.org.kubeedgej.faults.ClusterChanges;
import it.org.kubeedgej.faults.ContainerCreations;
import it.org.kubeedgej.faults.EdgeConvergence;
import it.org.kubeedgej.support.ClusterWaits;
import it.org.kubeedgej.support.CountingDevice;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.DeviceEventRecorder;
import it.org.kubeedgej.support.DeviceEventVerdict;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestDocker;
import it.org.kubeedgej.support.TwinReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16's replica test: two CloudCore replicas on the standalone broker pair, the real edgecore and 20 simulated
 * edges spread over both. While ConfigMaps (for every edge), pods (on edgecore) and a twin change, the replica that
 * leads and holds edgecore and half the simulated edges is killed with SIGKILL. Every edge must be connected again
 * (to the other replica) within 30 s; at the end every object is at its edge in its last version, no pod was started
 * twice (one container create per pod UID), the Device shows the last value, and a durable JMS subscriber on the
 * pair got each device change once. Then the primary broker is killed: the backup takes over, the edges stay on,
 * what they had is unchanged and a change made after the kill reaches its edge. Times are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaFailoverIT {

    private static final int HTTP_A = 19340;
    private static final int HTTP_B = 19360;
    private static final int EDGE_HTTP = 19341;
    private static final int PRIMARY_PORT = 29646;
    private static final int BACKUP_PORT = 29647;
    private static final String NODE = "rf-edge";
    private static final int SIMULATED = 20;
    private static final String DEVICE = "rf-meter";
    private static final String PROPERTY = "count";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration RECONNECT_BOUND = Duration.ofSeconds(30);

    private static Path work;
    private static StandaloneBrokerProcess primary;
    private static StandaloneBrokerProcess backup;
    private static DevCluster cluster;
    private static CoreV1Api api;
    private static DockerClient docker;
    private static LibertyServer replicaA;
    private static LibertyServer replicaB;
    private static LibertyServer edgecore;
    private static DeviceEventRecorder events;
    private static TwinReporter twin;
    private static ClusterChanges changes;
    private static long firstValue;
    private static long startEpochSecond;
    private static long lastTwinValue;
    private static final List<FailoverEdge> simulated = new ArrayList<>();
    private static final Map<String, Long> simCounters = new LinkedHashMap<>();
    private static final List<String> simErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        String dockerHost = System.getenv("DOCKER_HOST");
        assertNotNull(dockerHost, "DOCKER_HOST is not set: run the tests through bin/kubeedge-j test");
        docker = TestDocker.client(dockerHost);
        startEpochSecond = System.currentTimeMillis() / 1000 - 1;
        work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "replica-failover-it"));
        List<String> nodes = new ArrayList<>(List.of(NODE));
        IntStream.range(0, SIMULATED).forEach(i -> nodes.add(simNode(i)));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), nodes.toArray(String[]::new));
        primary = StandaloneBrokerProcess.start("primary", PRIMARY_PORT, BACKUP_PORT, work);
        primary.await("active", WAIT);
        backup = StandaloneBrokerProcess.start("backup", BACKUP_PORT, PRIMARY_PORT, work);
        backup.await("backup", WAIT);
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        Map<String, String> env = PairedReplicaEnv.of(cluster, certs, PRIMARY_PORT, BACKUP_PORT);
        env.put("LEADERELECTION_IDENTITY", "replica-a");
        replicaA = LibertyServer.start("cloudcore", HTTP_A, env);
        awaitLeader(replicaA);
        env.put("LEADERELECTION_IDENTITY", "replica-b");
        replicaB = LibertyServer.start("cloudcore", HTTP_B, env);
        int hubA = LibertyServer.hubPort(HTTP_A);
        int hubB = LibertyServer.hubPort(HTTP_B);
        // edgecore on replica-a (the leader, to be killed), failing over to replica-b.
        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, EdgeCoreEnv.of(NODE, hubA, certs,
                work.resolve("edge-db"), "DOCKER_HOST", dockerHost, "MODULES_EDGEHUB_HEARTBEAT", "2",
                "MODULES_EDGEHUB_RECONNECTMAXSECONDS", "2",
                "MODULES_EDGEHUB_WEBSOCKET_SERVERS", "127.0.0.1:" + hubA + ",127.0.0.1:" + hubB,
                "MODULES_EDGEHUB_WEBSOCKET_SPREADOVERSERVERS", "false"));
        ClusterWaits.nodeRegistered(api, NODE, Duration.ofSeconds(60));
        events = DeviceEventRecorder.subscribe(PairedReplicaEnv.clientUrl(PRIMARY_PORT, BACKUP_PORT),
                "rf-subscriber", PROPERTY);
        CountingDevice.create(new CustomObjectsApi(cluster.client()), DEVICE, PROPERTY, NODE);
        changes = new ClusterChanges(api, NODE, new Random(16));
        changes.setUp();
        twin = new TwinReporter(LibertyServer.mqttPort(EDGE_HTTP), DEVICE, PROPERTY);
        firstValue = CountingDevice.firstReport(twin);
        for (int i = 0; i < SIMULATED; i++) {
            String node = simNode(i);
            createSimulatedNodeObjects(node);
            FailoverEdge edge = i % 2 == 0 ? new FailoverEdge(node, hubA, hubB, certs)
                    : new FailoverEdge(node, hubB, hubA, certs);
            simulated.add(edge);
            edge.start();
        }
    }

    @AfterAll
    static void stop() {
        List<AutoCloseable> all = new ArrayList<>(simulated);
        all.addAll(List.of(twin == null ? () -> { } : twin, events == null ? () -> { } : events));
        Stoppables.stopAll(all.toArray(AutoCloseable[]::new));
        Stoppables.stopAll(edgecore, replicaB, replicaA, cluster, backup, primary, () -> {
            if (docker != null) {
                removeOurContainers();
                docker.close();
            }
        });
    }

    @Test
    @Order(1)
    void killingTheLeadingReplicaLosesNothingAndEveryEdgeIsBackWithinThirtySeconds() throws Exception {
        int hubA = LibertyServer.hubPort(HTTP_A);
        awaitAllConnected(WAIT);
        for (String node : simCounters.keySet()) {
            awaitSimCounter(node, 0, WAIT);
        }
        ChangeStreams streams = new ChangeStreams(changes, twin, 16, firstValue);
        Thread simChanges = new Thread(ReplicaFailoverIT::changeSimulatedConfigMaps, "rf-sim-configmaps");
        streams.start();
        simChanges.start();
        List<String> report = new ArrayList<>();
        try {
            Http.pause(Duration.ofSeconds(5));
            long onA = simulated.stream().filter(e -> e.connectedTo() == hubA).count();
            long killed = System.nanoTime();
            replicaA.killNine();
            long allBack = awaitAllConnected(RECONNECT_BOUND);
            report.add(String.format("kill -9 of replica-a (leader; edgecore and %d simulated edges on it): every"
                    + " edge connected again %s", onA, allBack < 0 ? "NOT within " + RECONNECT_BOUND
                    : (allBack - killed) / 1_000_000 + " ms after the kill"));
            assertTrue(allBack > 0, "every edge is connected again within " + RECONNECT_BOUND + ": "
                    + connectionStates());
            Http.pause(Duration.ofSeconds(10)); // changes go on through the takeover (lease 15 s)
        } finally {
            streams.stop();
            simChanges.interrupt();
            simChanges.join(10_000);
        }
        long finalValue = CountingDevice.finalReport(twin, streams.lastValue());
        lastTwinValue = finalValue;

        long settling = System.nanoTime();
        EdgeConvergence convergence = new EdgeConvergence(api, new CustomObjectsApi(cluster.client()), docker,
                LibertyServer.metaServerPort(EDGE_HTTP));
        List<String> wrong = mismatches(convergence, finalValue);
        while (!wrong.isEmpty() && System.nanoTime() - settling < Duration.ofSeconds(120).toNanos()) {
            Http.pause(Duration.ofSeconds(1));
            wrong = mismatches(convergence, finalValue);
        }
        report.add(String.format("%s %d ms after the changes stopped; %d cluster changes at edgecore, %d ConfigMap"
                + " updates for the simulated edges; resent under the same message id %d, a version sent again"
                + " under a new id %d", wrong.isEmpty() ? "converged" : "NOT converged",
                (System.nanoTime() - settling) / 1_000_000, changes.changes(),
                simCounters.values().stream().mapToLong(Long::longValue).sum(),
                simulated.stream().mapToInt(FailoverEdge::redeliveredSameId).sum(),
                simulated.stream().mapToInt(FailoverEdge::sameVersionNewId).sum()));

        List<String> problems = new ArrayList<>(wrong);
        changes.errors().forEach(e -> problems.add("a cluster change failed: " + e));
        simErrors.forEach(e -> problems.add("a cluster change failed: " + e));
        Map<String, List<String>> creates = ContainerCreations.byPodUid(docker, startEpochSecond);
        List<String> uids = new ArrayList<>(changes.livePods().values());
        uids.addAll(changes.deletedPods().values());
        for (String uid : uids) {
            if (creates.getOrDefault(uid, List.of()).size() > 1) {
                problems.add("pod " + uid + " was applied more than once: containers " + creates.get(uid));
            }
        }
        DeviceEventVerdict verdict = events.awaitVerdict(DEVICE, finalValue);
        problems.addAll(verdict.violations());
        report.add(String.format("device events: %d distinct, %d redelivered; subscriber notes %d",
                verdict.distinct(), verdict.redeliveries(), events.failures().size()));
        report.addAll(problems.stream().map(p -> "PROBLEM " + p).toList());
        Files.write(work.resolve("report.txt"), report);
        System.out.println("ReplicaFailoverIT " + String.join("\nReplicaFailoverIT ", report));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @Order(2)
    void killingTheLiveBrokerLetsTheBackupCarryOnWithNothingAcknowledgedLost() throws Exception {
        awaitLeader(replicaB); // replica-a is gone since the first test
        FailoverEdge edge = simulated.get(0);
        String node = edge.node();
        long killed = System.nanoTime();
        primary.killNine();
        backup.await("active", WAIT);
        long active = System.nanoTime();
        V1ConfigMap current = api.readNamespacedConfigMap(configMap(node), "default").execute();
        long next = simCounters.get(node) + 1;
        current.setData(Map.of("counter", String.valueOf(next)));
        api.replaceNamespacedConfigMap(configMap(node), "default", current).execute();
        simCounters.put(node, next);
        awaitSimCounter(node, next, WAIT);
        long delivered = System.nanoTime();
        assertTrue(awaitAllConnected(WAIT) > 0, "the edges stay connected to replica-b: " + connectionStates());
        List<String> wrong = mismatches(new EdgeConvergence(api, new CustomObjectsApi(cluster.client()), docker,
                LibertyServer.metaServerPort(EDGE_HTTP)), lastTwinValue);
        System.out.printf("ReplicaFailoverIT: kill -9 of the primary broker: backup active %.1f s after it; a"
                + " ConfigMap changed after the kill reached its edge %.1f s after it%n", (active - killed) / 1e9,
                (delivered - killed) / 1e9);
        assertTrue(wrong.isEmpty(), "what was at the edges before the broker's death is still there: " + wrong);
    }

    private static List<String> mismatches(EdgeConvergence convergence, long finalValue) {
        List<String> wrong = new ArrayList<>(convergence.mismatches(changes, DEVICE, PROPERTY, finalValue));
        for (FailoverEdge edge : simulated) {
            String expected = String.valueOf(simCounters.get(edge.node()));
            String got = edge.counterOf(configMap(edge.node()));
            if (!expected.equals(got)) {
                wrong.add("simulated edge " + edge.node() + " has counter " + got + ", the cluster " + expected);
            }
        }
        return wrong;
    }

    /** Round robin over the simulated edges' ConfigMaps, one update every 50 ms, until interrupted. */
    private static void changeSimulatedConfigMaps() {
        List<String> nodes = new ArrayList<>(simCounters.keySet());
        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
            String node = nodes.get(i % nodes.size());
            try {
                V1ConfigMap current = api.readNamespacedConfigMap(configMap(node), "default").execute();
                long next = simCounters.get(node) + 1;
                current.setData(Map.of("counter", String.valueOf(next)));
                api.replaceNamespacedConfigMap(configMap(node), "default", current).execute();
                simCounters.put(node, next);
            } catch (ApiException e) {
                simErrors.add("ConfigMap of " + node + ": " + e.getCode() + " " + e.getResponseBody());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return System.nanoTime() when edgecore and every simulated edge had a session, or -1 past the wait */
    private static long awaitAllConnected(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (edgeConnected() && simulated.stream().allMatch(e -> e.connectedTo() > 0)) {
                return System.nanoTime();
            }
            Http.pause(Duration.ofMillis(100));
        }
        return -1;
    }

    private static boolean edgeConnected() {
        try {
            return "UP".equals(Http.check(Http.json(Http.get(edgecore.url("/health/ready")).body()),
                    "cloud-connection").getString("status"));
        } catch (IOException | RuntimeException notYet) {
            return false;
        }
    }

    private static String connectionStates() {
        StringBuilder out = new StringBuilder("edgecore ").append(edgeConnected() ? "connected" : "NOT connected");
        simulated.forEach(e -> out.append(", ").append(e.node()).append(" -> ").append(e.connectedTo()));
        return out.toString();
    }

    private static void awaitSimCounter(String node, long counter, Duration wait) {
        FailoverEdge edge = simulated.stream().filter(e -> e.node().equals(node)).findFirst().orElseThrow();
        long deadline = System.nanoTime() + wait.toNanos();
        while (!String.valueOf(counter).equals(edge.counterOf(configMap(node))) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(200));
        }
        assertTrue(String.valueOf(counter).equals(edge.counterOf(configMap(node))),
                "simulated edge " + node + " never got its ConfigMap");
    }

    /** The simulated node, its ConfigMap and a pod that mounts it (CloudCore sends a node only what its pods use). */
    private static void createSimulatedNodeObjects(String node) throws ApiException {
        api.createNode(new V1Node().apiVersion("v1").kind("Node").metadata(new V1ObjectMeta().name(node)
                .putLabelsItem("node-role.kubernetes.io/edge", ""))).execute();
        api.createNamespacedConfigMap("default", new V1ConfigMap().apiVersion("v1").kind("ConfigMap")
                .metadata(new V1ObjectMeta().name(configMap(node)).namespace("default"))
                .data(Map.of("counter", "0"))).execute();
        api.createNamespacedPod("default", new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name("rf-holder-" + node).namespace("default"))
                .spec(new V1PodSpec().nodeName(node).addContainersItem(new V1Container().name("c").image("busybox"))
                        .addVolumesItem(new V1Volume().name("cfg").configMap(new V1ConfigMapVolumeSource()
                                .name(configMap(node)))))).execute();
        simCounters.put(node, 0L);
    }

    private static String simNode(int i) {
        return String.format("rf-sim-%02d", i);
    }

    private static String configMap(String node) {
        return "rf-config-" + node;
    }

    private static void awaitLeader(LibertyServer replica) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Http.get(replica.url("/health/ready")).body().contains("\"leader\":true")) {
                return;
            }
            Http.pause(Duration.ofMillis(250));
        }
        throw new AssertionError(replica + " does not lead within " + WAIT);
    }

    /** Containers of this test's pods on edgecore (ClusterChanges names them kn-...). */
    private static void removeOurContainers() {
        docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.kubeedgej.pod.namespace", ClusterChanges.NAMESPACE)).exec().stream()
                .filter(c -> c.getLabels().getOrDefault("io.kubeedgej.pod.name", "").startsWith("kn-"))
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
    }
}

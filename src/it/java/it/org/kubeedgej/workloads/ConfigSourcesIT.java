package it.org.kubeedgej.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import it.org.kubeedgej.support.ClusterWaits;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestDocker;
import it.org.kubeedgej.support.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * ConfigMaps and Secrets with every real part (development API server, cloudcore, edgecore, dockerd): a busybox pod
 * on the edge node gets them as environment variables and as files, and writes what it sees into a hostPath
 * directory this test reads; an update of the ConfigMap reaches the mounted file without a restart (the env keeps
 * its start value); a pod whose ConfigMap does not exist yet waits with CreateContainerConfigError and runs once it
 * is created; an oversized ConfigMap or one whose key is not a file name fails only the pods using it, with a clear
 * status.
 */
class ConfigSourcesIT {

    private static final String NODE = "it-config-node";
    private static final int CLOUD_HTTP = 19960;
    private static final int EDGE_HTTP = 19961;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static DevCluster cluster;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static DockerClient docker;
    private static CoreV1Api api;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        String dockerHost = System.getenv("DOCKER_HOST");
        assertNotNull(dockerHost, "DOCKER_HOST is not set: run the tests through bin/kubeedge-j test");
        work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "config-sources-it"));
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
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(edgecore, cloudcore, cluster, docker);
    }

    @Test
    void configMapAndSecretReachThePodAsEnvAndFilesAndUpdatesReachTheFiles() throws Exception {
        api.createNamespacedConfigMap("default", configMap("app-config", "edge", "hello")).execute();
        api.createNamespacedSecret("default", JSON.deserialize("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"app-secret","namespace":"default"},
                 "data":{"password":"cEBzcw=="}}""", V1Secret.class)).execute();
        Path out = work.resolve("out-" + System.nanoTime());
        V1Pod created = api.createNamespacedPod("default", pod("config-user", "app-config", out)).execute();

        V1Pod running = awaitPod("config-user", p -> phase(p).equals("Running"));
        assertEquals("Running", phase(running), "pod status: " + running.getStatus());
        assertEquals("edge p@ss hello p@ss", awaitFile(out.resolve("seen"), "edge p@ss hello p@ss"));
        String env = Files.readString(out.resolve("env"));
        assertTrue(env.contains("CFG_greeting=hello"), "envFrom with prefix: " + env);
        assertTrue(env.contains("POD_NAME=config-user"), "fieldRef metadata.name: " + env);
        String containerId = containersOf(created.getMetadata().getUid()).get(0).getId();

        V1ConfigMap current = api.readNamespacedConfigMap("app-config", "default").execute();
        current.setData(Map.of("mode", "cloud", "greeting", "bonjour"));
        api.replaceNamespacedConfigMap("app-config", "default", current).execute();
        assertEquals("edge p@ss bonjour p@ss", awaitFile(out.resolve("seen"), "edge p@ss bonjour p@ss"),
                "the mounted file follows the ConfigMap; the env keeps the value the container started with");
        List<Container> containers = containersOf(created.getMetadata().getUid());
        assertEquals(1, containers.size());
        assertEquals(containerId, containers.get(0).getId(), "an update does not restart the container");

        api.deleteNamespacedPod("config-user", "default").execute();
        awaitGone("config-user");
    }

    @Test
    void podWaitsWithCreateContainerConfigErrorUntilItsConfigMapExists() throws Exception {
        Path out = work.resolve("late-" + System.nanoTime());
        api.createNamespacedSecret("default", JSON.deserialize("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"late-secret","namespace":"default"},
                 "data":{"password":"cEBzcw=="}}""", V1Secret.class)).execute();
        api.createNamespacedPod("default", JSON.deserialize(podJson("late-user", "late-config", out)
                .replace("app-secret", "late-secret"), V1Pod.class)).execute();

        V1Pod waiting = awaitPod("late-user", p -> waitingReason(p).equals("CreateContainerConfigError"));
        V1ContainerStateWaiting state = waiting.getStatus().getContainerStatuses().get(0).getState().getWaiting();
        assertNotNull(state, "pod status: " + waiting.getStatus());
        assertEquals("CreateContainerConfigError", state.getReason());
        assertTrue(state.getMessage().contains("configmap \"late-config\" not found"), state.getMessage());
        assertEquals("Pending", phase(waiting));

        api.createNamespacedConfigMap("default", configMap("late-config", "late", "at last")).execute();
        V1Pod running = awaitPod("late-user", p -> phase(p).equals("Running"));
        assertEquals("Running", phase(running), "pod status: " + running.getStatus());
        assertEquals("late p@ss at last p@ss", awaitFile(out.resolve("seen"), "late p@ss at last p@ss"));

        api.deleteNamespacedPod("late-user", "default").execute();
        awaitGone("late-user");
    }

    @Test
    void oversizedOrBadlyKeyedConfigMapsFailOnlyTheirPodsWithAClearStatus() throws Exception {
        api.createNamespacedSecret("default", JSON.deserialize("""
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"bad-secret","namespace":"default"},
                 "data":{"password":"cEBzcw=="}}""", V1Secret.class)).execute();
        api.createNamespacedConfigMap("default", configMap("big-config", "x".repeat(1024 * 1024), "hello")).execute();
        api.createNamespacedConfigMap("default", new V1ConfigMap().apiVersion("v1").kind("ConfigMap")
                .metadata(new V1ObjectMeta().name("odd-config").namespace("default"))
                .data(Map.of("mode", "odd", "../escape", "x"))).execute();
        for (String name : List.of("big", "odd")) {
            api.createNamespacedPod("default", JSON.deserialize(podJson(name + "-user", name + "-config",
                    work.resolve(name + "-" + System.nanoTime())).replace("app-secret", "bad-secret"), V1Pod.class))
                    .execute();
        }

        String big = waitingMessage(awaitPod("big-user", p -> waitingMessage(p).contains("too large")));
        assertTrue(big.contains("configmap \"big-config\" not found (the cloud says: "), big);
        assertTrue(big.contains("configmap \"big-config\" is too large: 1048581 bytes of data, over Kubernetes'"
                + " limit of 1048576 bytes (1 MiB)"), big);
        String odd = waitingMessage(awaitPod("odd-user", p -> waitingMessage(p).contains("file name")));
        assertTrue(odd.contains("configmap \"odd-config\" key \"../escape\" is not a valid file name"), odd);

        for (String name : List.of("big-user", "odd-user")) {
            api.deleteNamespacedPod(name, "default").execute();
            awaitGone(name);
        }
    }

    private static String waitingMessage(V1Pod pod) {
        if (!waitingReason(pod).equals("CreateContainerConfigError")) {
            return "";
        }
        String message = pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage();
        return message == null ? "" : message;
    }

    private static V1ConfigMap configMap(String name, String mode, String greeting) {
        return new V1ConfigMap().apiVersion("v1").kind("ConfigMap")
                .metadata(new V1ObjectMeta().name(name).namespace("default"))
                .data(Map.of("mode", mode, "greeting", greeting));
    }

    private static V1Pod pod(String name, String configMap, Path out) {
        return JSON.deserialize(podJson(name, configMap, out), V1Pod.class);
    }

    /** The pod writes what it sees every half second: env MODE and PASSWORD, then the two mounted files. */
    private static String podJson(String name, String configMap, Path out) {
        String script = "env > /out/env; while true; do echo \\\"$MODE $PASSWORD $(cat /etc/app/greeting)"
                + " $(cat /etc/secret/password)\\\" > /out/seen.tmp; mv /out/seen.tmp /out/seen; sleep 0.5; done";
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default"},
                 "spec":{"nodeName":"%s","hostNetwork":true,"terminationGracePeriodSeconds":2,
                  "volumes":[{"name":"cfg","configMap":{"name":"%s"}},{"name":"sec","secret":{"secretName":"app-secret",
                    "defaultMode":256}},{"name":"out","hostPath":{"path":"%s","type":"DirectoryOrCreate"}}],
                  "containers":[{"name":"main","image":"busybox:latest","imagePullPolicy":"IfNotPresent",
                   "command":["sh","-c","%s"],
                   "env":[{"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"%s","key":"mode"}}},
                    {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"app-secret","key":"password"}}},
                    {"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
                   "envFrom":[{"configMapRef":{"name":"%s"},"prefix":"CFG_"}],
                   "volumeMounts":[{"name":"cfg","mountPath":"/etc/app"},
                    {"name":"sec","mountPath":"/etc/secret","readOnly":true},{"name":"out","mountPath":"/out"}]}]}}"""
                .formatted(name, NODE, configMap, out, script, configMap, configMap);
    }

    private static String phase(V1Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
    }

    private static String waitingReason(V1Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()
                || pod.getStatus().getContainerStatuses().get(0).getState() == null
                || pod.getStatus().getContainerStatuses().get(0).getState().getWaiting() == null) {
            return "";
        }
        String reason = pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason();
        return reason == null ? "" : reason;
    }

    private static String awaitFile(Path file, String expected) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String content = "";
        while (System.nanoTime() < deadline) {
            content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
            if (content.equals(expected)) {
                return content;
            }
            Http.pause(Duration.ofMillis(250));
        }
        return content;
    }

    private static List<Container> containersOf(String uid) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.kubeedgej.pod.uid", uid)).exec();
    }

    private static V1Pod awaitPod(String name, Predicate<V1Pod> condition) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        V1Pod pod = api.readNamespacedPod(name, "default").execute();
        while (!condition.test(pod) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(250));
            pod = api.readNamespacedPod(name, "default").execute();
        }
        return pod;
    }

    private static void awaitGone(String name) throws ApiException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                api.readNamespacedPod(name, "default").execute();
                Http.pause(Duration.ofMillis(250));
            } catch (ApiException e) {
                if (e.getCode() == 404) {
                    return;
                }
                throw e;
            }
        }
        throw new AssertionError("pod " + name + " was not removed after the edge stopped it");
    }
}

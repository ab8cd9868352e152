package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.edge.metamanager.StoredObjectEvent;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

/**
 * PodManager wired by hand (no CDI) to the real dockerd and an EdgeHub that records what goes upstream: a pod
 * runs, a resent pod recreates nothing, a pod with a deletionTimestamp is stopped, removed and confirmed, and
 * confirmed again after a reconnect until the cloud's final DELETE.
 */
final class PodManagerTest {

    private final List<Message> upstream = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2);
    private DockerJavaRuntime runtime;
    @TempDir
    Path volumeRoot;
    private PodManager underTest;
    private final String uid = "test-" + UUID.randomUUID();

    @BeforeEach
    void wire() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            fail("DOCKER_HOST is not set: run the tests via `bin/kubeedge-j test` (it starts a private dockerd)");
        }
        runtime = new DockerJavaRuntime(host, 10, false);
        EdgeHubClient recorder = new EdgeHubClient() {
            @Override
            public void send(Message message) {
                upstream.add(message);
            }
        };
        underTest = new PodManager();
        underTest.runtime = runtime;
        underTest.edgeHub = recorder;
        underTest.statusReporter = new PodStatusReporter();
        underTest.statusReporter.edgeHub = recorder;
        underTest.syncPeriodSeconds = 1;
        underTest.rootDirectory = volumeRoot.toString();
        underTest.executor = managed(pool);
        underTest.metaRepository = stored;
        underTest.init();
    }

    @AfterEach
    void cleanUp() {
        underTest.stop();
        pool.shutdownNow();
        runtime.listPodContainers(uid).forEach(s -> runtime.remove(s.containerId()));
        runtime.close();
    }

    @Test
    void runKeepAndDeleteAPod() throws InterruptedException {
        underTest.onStored(event(Operations.INSERT, pod("")));
        Message running = await(m -> m.route().resource().equals("default/podstatus/web")
                && m.content().asJsonObject().getJsonObject("Status").getString("phase").equals("Running"));
        assertEquals(Groups.EDGED, running.route().source());
        assertEquals(Groups.META, running.route().group());
        assertEquals(uid, running.content().asJsonObject().getString("UID"));
        String id = runtime.listPodContainers(uid).get(0).containerId();

        // What a reconnect does: the cloud sends the pod again. The running container must stay.
        underTest.onStored(event(Operations.UPDATE, pod("")));
        Thread.sleep(2500); // two periodic syncs
        List<ContainerState> after = runtime.listPodContainers(uid);
        assertEquals(1, after.size());
        assertEquals(id, after.get(0).containerId());

        underTest.onStored(event(Operations.UPDATE, pod(",\"deletionTimestamp\":\"2026-01-01T00:00:00Z\"")));
        Message deleted = await(m -> m.route().operation().equals(Operations.DELETE));
        assertEquals("default/pod/web", deleted.route().resource());
        assertEquals(0, deleted.content().asJsonObject().getInt("gracePeriodSeconds"), "KubeEdge's DeleteOptions");
        assertEquals(uid, deleted.content().asJsonObject().getJsonObject("preconditions").getString("uid"));
        assertTrue(runtime.listPodContainers(uid).isEmpty(), "containers stopped and removed before confirming");
    }

    @Test
    void aDeletionConfirmationGoesAgainAfterAReconnectUntilTheCloudsFinalDelete() throws InterruptedException {
        underTest.onStored(event(Operations.INSERT, pod("")));
        await(m -> m.route().resource().equals("default/podstatus/web"));
        underTest.onStored(event(Operations.UPDATE, pod(",\"deletionTimestamp\":\"2026-01-01T00:00:00Z\"")));
        await(m -> m.route().operation().equals(Operations.DELETE));

        // The first confirmation went into a connection that died (cloudcore killed): the next one gets it again.
        underTest.onConnected(null);
        assertEquals(2, deletions(), "confirmed again on the new connection: " + upstream);

        // The cloud's final DELETE of that UID: nothing is left to confirm.
        underTest.onStored(event(Operations.DELETE, pod(",\"deletionTimestamp\":\"2026-01-01T00:00:00Z\"")));
        underTest.onConnected(null);
        assertEquals(2, deletions(), "not confirmed after the final delete: " + upstream);
    }

    private long deletions() {
        return upstream.stream().filter(m -> m.route().operation().equals(Operations.DELETE)).count();
    }

    @Test
    void podsKeptInTheEdgeDatabaseRunAgainAtStartWithoutTheCloud() throws InterruptedException {
        stored.save("default/pod/web", "pod", pod("").toString());
        underTest.restore(null);
        Message running = await(m -> m.route().resource().equals("default/podstatus/web")
                && m.content().asJsonObject().getJsonObject("Status").getString("phase").equals("Running"));
        assertEquals(uid, running.content().asJsonObject().getString("UID"));
        assertEquals(1, runtime.listPodContainers(uid).size());
    }

    @Test
    void readinessProbeResultReachesThePodStatusWithoutWaitingForTheNextSync() throws InterruptedException {
        underTest.syncPeriodSeconds = 60; // only probe results may trigger the second status
        underTest.onStored(event(Operations.INSERT, Json.createReader(new StringReader("""
                {"metadata":{"name":"web","namespace":"default","uid":"%s"},
                 "spec":{"terminationGracePeriodSeconds":1,"containers":[
                   {"name":"main","image":"busybox:latest","imagePullPolicy":"IfNotPresent",
                    "command":["sh","-c","sleep 2; touch /tmp/ready; sleep 60"],
                    "readinessProbe":{"exec":{"command":["cat","/tmp/ready"]},"periodSeconds":1}}]}}"""
                .formatted(uid))).readObject()));
        Message notReady = await(m -> m.route().resource().equals("default/podstatus/web")
                && m.content().asJsonObject().getJsonObject("Status").getString("phase").equals("Running"));
        assertEquals("False", readyCondition(notReady));
        Message ready = await(m -> m.route().resource().equals("default/podstatus/web")
                && readyCondition(m).equals("True"));
        JsonObject container = ready.content().asJsonObject().getJsonObject("Status")
                .getJsonArray("containerStatuses").getJsonObject(0);
        assertTrue(container.getBoolean("ready"));
        assertTrue(container.getBoolean("started"));
    }

    @Test
    void podBoundToAnotherNodeIsNotRun() throws InterruptedException {
        underTest.nodeName = "edge-a";
        JsonObject elsewhere = Json.createObjectBuilder(pod("")).add("spec", Json.createObjectBuilder(
                pod("").getJsonObject("spec")).add("nodeName", "edge-b")).build();
        underTest.onStored(event(Operations.INSERT, elsewhere));
        Thread.sleep(1500);
        assertTrue(runtime.listPodContainers(uid).isEmpty());
        assertTrue(upstream.isEmpty(), "nothing reported: " + upstream);
    }

    private static String readyCondition(Message m) {
        return m.content().asJsonObject().getJsonObject("Status").getJsonArray("conditions")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getString("type").equals("Ready"))
                .map(c -> c.getString("status")).findFirst().orElse("");
    }

    /** MetaManager's table, in memory. */
    private final org.kubeedgej.edge.metamanager.MetaRepository stored =
            new org.kubeedgej.edge.metamanager.MetaRepository() {
                private final java.util.Map<String, String[]> rows = new java.util.LinkedHashMap<>();

                @Override
                public void save(String key, String type, String value) {
                    rows.put(key, new String[] {type, value});
                }

                @Override
                public boolean delete(String key) {
                    return rows.remove(key) != null;
                }

                @Override
                public java.util.Optional<String> find(String key) {
                    return java.util.Optional.ofNullable(rows.get(key)).map(r -> r[1]);
                }

                @Override
                public java.util.Map<String, String> findByType(String type) {
                    java.util.Map<String, String> found = new java.util.LinkedHashMap<>();
                    rows.forEach((k, r) -> {
                        if (r[0].equals(type)) {
                            found.put(k, r[1]);
                        }
                    });
                    return found;
                }
            };

    private Message await(Predicate<Message> wanted) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            for (Message m : upstream) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such upstream message within 15 s; sent: " + upstream);
    }

    private StoredObjectEvent event(String operation, JsonObject pod) {
        return new StoredObjectEvent(Message.newRequest(Groups.METAMANAGER, Groups.EDGED, operation, "default/pod/web",
                pod));
    }

    private JsonObject pod(String extraMetadata) {
        return Json.createReader(new StringReader("""
                {"metadata":{"name":"web","namespace":"default","uid":"%s"%s},
                 "spec":{"hostNetwork":true,"terminationGracePeriodSeconds":5,"containers":[
                   {"name":"main","image":"busybox:latest","imagePullPolicy":"IfNotPresent",
                    "command":["sh","-c","echo hi; sleep 60"]}]}}""".formatted(uid, extraMetadata))).readObject();
    }

    /** Liberty's executor stand-in: the plain ScheduledExecutorService methods are all PodManager uses. */
    private static ManagedScheduledExecutorService managed(ScheduledExecutorService delegate) {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(PodManagerTest.class.getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    try {
                        return ScheduledExecutorService.class.getMethod(method.getName(), method.getParameterTypes())
                                .invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

package org.kubeedgej.edge.metaserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An edge app's view: the official Kubernetes Java client (24.0.0) pointed at MetaServer. */
@Timeout(60)
final class MetaServerKubernetesClientTest {

    private static final long WAIT_SECONDS = 10;

    private final InMemoryMetaRepository repository = new InMemoryMetaRepository();
    private final FakeMetaManager metaManager = new FakeMetaManager(repository);
    private MetaServerHttpServer server;
    private ApiClient client;
    private CoreV1Api api;

    @BeforeEach
    void setUp() throws IOException {
        metaManager.insert("default/pod/web", FakeMetaManager.pod("default", "web", 100));
        metaManager.insert("default/pod/db", FakeMetaManager.pod("default", "db", 101));
        metaManager.insert("edge-apps/pod/sensor", FakeMetaManager.pod("edge-apps", "sensor", 102));
        metaManager.insert("default/configmap/settings", FakeMetaManager.configMap("default", "settings", 103, "a"));
        metaManager.insert("default/node/edge-node", FakeMetaManager.named("node", null, "edge-node", 104));
        server = MetaServerHttpServer.start(new MetaServerSettings("127.0.0.1", 0, 4, Duration.ofSeconds(30),
                Duration.ofSeconds(1), 100, 100, Optional.empty()), repository, Executors.defaultThreadFactory());
        metaManager.observedBy(server::onStored);
        client = new ClientBuilder().setBasePath("http://127.0.0.1:" + server.address().getPort()).build();
        // Watches stay open longer than OkHttp's default read timeout.
        client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build());
        api = new CoreV1Api(client);
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    @Test
    void listsAndReadsLikeAnApiServer() throws Exception {
        V1PodList pods = api.listNamespacedPod("default").execute();
        assertEquals(List.of("db", "web"), pods.getItems().stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals("104", pods.getMetadata().getResourceVersion());
        assertEquals(3, api.listPodForAllNamespaces().execute().getItems().size());
        assertEquals(1, api.listPodForAllNamespaces().labelSelector("app=sensor").execute().getItems().size());

        V1Pod web = api.readNamespacedPod("web", "default").execute();
        assertEquals("Pod", web.getKind());
        assertEquals("v1", web.getApiVersion());
        assertEquals("edge-node", web.getSpec().getNodeName());
        assertEquals("busybox:1.36", web.getSpec().getContainers().get(0).getImage());
        assertEquals("Running", web.getStatus().getPhase());

        V1ConfigMap settings = api.readNamespacedConfigMap("settings", "default").execute();
        assertEquals(Map.of("key", "a"), settings.getData());
        assertEquals("edge-node", api.readNode("edge-node").execute().getMetadata().getName());
        assertEquals(1, api.listNode().execute().getItems().size());
        assertTrue(new VersionApi(client).getCode().execute().getGitVersion().startsWith("v1."));
    }

    @Test
    void notFoundAndWritesAreApiExceptions() {
        ApiException missing = assertThrows(ApiException.class,
                () -> api.readNamespacedPod("nope", "default").execute());
        assertEquals(404, missing.getCode());
        ApiException write = assertThrows(ApiException.class, () -> api.createNamespacedPod("default",
                new V1Pod().apiVersion("v1").kind("Pod").metadata(new V1ObjectMeta().name("new"))).execute());
        assertEquals(405, write.getCode());
        assertEquals(5, repository.size());
    }

    @Test
    void watchDeliversAddedModifiedAndDeleted() throws Exception {
        BlockingQueue<Watch.Response<V1Pod>> events = new LinkedBlockingQueue<>();
        Watch<V1Pod> watch = Watch.createWatch(client, api.listNamespacedPod("default").watch(true).buildCall(null),
                new TypeToken<Watch.Response<V1Pod>>() { }.getType());
        Thread reader = new Thread(() -> {
            try {
                for (Watch.Response<V1Pod> event : watch) {
                    events.add(event);
                }
            } catch (RuntimeException e) {
                // closed by the test
            }
        });
        reader.start();
        try {
            assertEvent(events, "ADDED", "db");
            assertEvent(events, "ADDED", "web");
            metaManager.insert("default/pod/cache", FakeMetaManager.pod("default", "cache", 110));
            assertEvent(events, "ADDED", "cache");
            metaManager.update("default/pod/cache", FakeMetaManager.pod("default", "cache", 111, Map.of("app", "cache"),
                    "Succeeded"));
            Watch.Response<V1Pod> modified = assertEvent(events, "MODIFIED", "cache");
            assertEquals("Succeeded", modified.object.getStatus().getPhase());
            assertEquals("111", modified.object.getMetadata().getResourceVersion());
            metaManager.delete("default/pod/cache", FakeMetaManager.pod("default", "cache", 111));
            assertEvent(events, "DELETED", "cache");
        } finally {
            watch.close();
            reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
    }

    @Test
    void sharedInformerListsThenWatchesFromTheListsResourceVersion() throws Exception {
        SharedInformerFactory factory = new SharedInformerFactory(client);
        SharedIndexInformer<V1Pod> informer = factory.sharedIndexInformerFor(params -> api
                .listNamespacedPod("default").resourceVersion(params.resourceVersion).watch(params.watch)
                .timeoutSeconds(params.timeoutSeconds).buildCall(null), V1Pod.class, V1PodList.class);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1Pod pod) {
                seen.add("add " + pod.getMetadata().getName());
            }

            @Override
            public void onUpdate(V1Pod old, V1Pod pod) {
                seen.add("update " + pod.getMetadata().getName() + " " + pod.getStatus().getPhase());
            }

            @Override
            public void onDelete(V1Pod pod, boolean unknownFinalState) {
                seen.add("delete " + pod.getMetadata().getName());
            }
        });
        factory.startAllRegisteredInformers();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!informer.hasSynced() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(informer.hasSynced());
            assertEquals("add db", seen.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals("add web", seen.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            Lister<V1Pod> lister = new Lister<>(informer.getIndexer(), "default");
            assertNotNull(lister.get("web"));

            metaManager.insert("default/pod/cache", FakeMetaManager.pod("default", "cache", 110));
            assertEquals("add cache", seen.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            metaManager.update("default/pod/web", FakeMetaManager.pod("default", "web", 111, Map.of("app", "web"),
                    "Failed"));
            assertEquals("update web Failed", seen.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            metaManager.delete("default/pod/db", FakeMetaManager.pod("default", "db", 101));
            assertEquals("delete db", seen.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(List.of("cache", "web"), lister.list().stream().map(p -> p.getMetadata().getName())
                    .sorted().toList());
        } finally {
            factory.stopAllRegisteredInformers();
        }
    }

    private static Watch.Response<V1Pod> assertEvent(BlockingQueue<Watch.Response<V1Pod>> events, String type,
            String name) throws InterruptedException {
        Watch.Response<V1Pod> event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "no " + type + " of " + name);
        assertEquals(type, event.type);
        assertEquals(name, event.object.getMetadata().getName());
        return event;
    }
}

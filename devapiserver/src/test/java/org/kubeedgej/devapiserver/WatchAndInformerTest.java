package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.Watch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunked HTTP watches and SharedInformers of the official client. */
class WatchAndInformerTest {
    private static DevApiServer server;
    private static ApiClient client;
    private static CoreV1Api core;

    @BeforeAll
    static void start() {
        server = DevApiServer.start(0);
        client = ClientSupport.client(server);
        core = new CoreV1Api(client);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chunkedWatchStreamsOnlyNewerEventsIncludingGracefulDeletion() throws Exception {
        core.createNamespacedPod("default", ClientSupport.pod("before-watch", "edge-w")).execute();
        String listed = core.listNamespacedPod("default").execute().getMetadata().getResourceVersion();

        List<String> seen = new ArrayList<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Watch<V1Pod> watch = Watch.createWatch(client,
                core.listNamespacedPod("default").watch(true).resourceVersion(listed).buildCall(null),
                new TypeToken<Watch.Response<V1Pod>>() { }.getType())) {
            Future<?> reading = reader.submit(() -> {
                for (Watch.Response<V1Pod> event : watch) {
                    String name = event.object.getMetadata().getName();
                    seen.add(event.type + " " + name + (event.object.getMetadata().getDeletionTimestamp() == null
                            ? "" : " terminating"));
                    if (event.type.equals("DELETED") && name.equals("watched")) {
                        return;
                    }
                }
            });
            core.createNamespacedPod("default", ClientSupport.pod("watched", "edge-w")).execute();
            core.deleteNamespacedPod("watched", "default").execute();
            core.deleteNamespacedPod("watched", "default").gracePeriodSeconds(0).execute();
            reading.get(20, TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }
        assertEquals(List.of("ADDED watched", "MODIFIED watched terminating", "DELETED watched terminating"), seen,
                "the pod listed before the watch is not replayed");
        core.deleteNamespacedPod("before-watch", "default").gracePeriodSeconds(0).execute();
    }

    @Test
    void sharedInformerSeesAddUpdateDelete() throws Exception {
        core.createNamespacedPod("default", ClientSupport.pod("informer-existing", null)).execute();
        SharedInformerFactory factory = new SharedInformerFactory(client);
        SharedIndexInformer<V1Pod> informer = factory.sharedIndexInformerFor(
                params -> core.listNamespacedPod("default").resourceVersion(params.resourceVersion)
                        .watch(params.watch).timeoutSeconds(params.timeoutSeconds).buildCall(null),
                V1Pod.class, V1PodList.class);
        CountDownLatch existing = new CountDownLatch(1);
        CountDownLatch added = new CountDownLatch(1);
        CountDownLatch updated = new CountDownLatch(1);
        CountDownLatch deleted = new CountDownLatch(1);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1Pod pod) {
                switch (pod.getMetadata().getName()) {
                    case "informer-existing" -> existing.countDown();
                    case "informer-pod" -> added.countDown();
                    default -> { }
                }
            }

            @Override
            public void onUpdate(V1Pod before, V1Pod after) {
                if (after.getMetadata().getName().equals("informer-pod")
                        && "yes".equals(after.getMetadata().getLabels().get("updated"))) {
                    updated.countDown();
                }
            }

            @Override
            public void onDelete(V1Pod pod, boolean unknownFinalState) {
                if (pod.getMetadata().getName().equals("informer-pod")) {
                    deleted.countDown();
                }
            }
        });
        factory.startAllRegisteredInformers();
        try {
            assertTrue(existing.await(20, TimeUnit.SECONDS), "initial list");
            core.createNamespacedPod("default", ClientSupport.pod("informer-pod", null)).execute();
            assertTrue(added.await(20, TimeUnit.SECONDS), "add");
            V1Pod pod = core.readNamespacedPod("informer-pod", "default").execute();
            pod.getMetadata().putLabelsItem("updated", "yes");
            core.replaceNamespacedPod("informer-pod", "default", pod).execute();
            assertTrue(updated.await(20, TimeUnit.SECONDS), "update");
            core.deleteNamespacedPod("informer-pod", "default").execute();
            assertTrue(deleted.await(20, TimeUnit.SECONDS), "delete");
            assertNotNull(informer.getIndexer().getByKey("default/informer-existing"));
        } finally {
            factory.stopAllRegisteredInformers();
        }
    }
}

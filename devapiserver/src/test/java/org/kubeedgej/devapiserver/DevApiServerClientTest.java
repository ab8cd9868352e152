package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeList;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.PatchUtils;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRUD, patches, graceful deletion and errors through the official client-java. */
class DevApiServerClientTest {
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

    /** As kube-apiserver: a UID of its own for each new object, never the client's, not counted from 1. */
    @Test
    void newObjectsGetRandomUidsWhateverTheClientSent() throws ApiException {
        V1Node first = core.createNode(ClientSupport.node("uid-node-1")).execute();
        V1Node sent = ClientSupport.node("uid-node-2");
        sent.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
        V1Node second = core.createNode(sent).execute();
        for (V1Node node : List.of(first, second)) {
            java.util.UUID uid = java.util.UUID.fromString(node.getMetadata().getUid());
            assertTrue(uid.getLeastSignificantBits() > 1L << 40, "a random start, so a restart does not reuse UIDs: "
                    + uid);
        }
        assertFalse(first.getMetadata().getUid().equals(second.getMetadata().getUid()));
        core.deleteNode("uid-node-1").execute();
        core.deleteNode("uid-node-2").execute();
    }

    /** Typed clients send no TypeMeta; kube-apiserver takes the kind from the URL. */
    @Test
    void anObjectWithoutApiVersionOrKindIsCreatedAsTheKindItsUrlNames() throws ApiException {
        V1Node created = core.createNode(new V1Node().metadata(new io.kubernetes.client.openapi.models.V1ObjectMeta()
                .name("untyped-node"))).execute();
        assertEquals("Node", created.getKind());
        assertEquals("v1", created.getApiVersion());
        assertEquals("Node", core.readNode("untyped-node").execute().getKind());
        core.deleteNode("untyped-node").execute();
    }

    @Test
    void nodeCreateGetListUpdatePatchDelete() throws ApiException {
        V1Node created = core.createNode(ClientSupport.node("crud-node")).execute();
        assertNotNull(created.getMetadata().getUid());
        assertNotNull(created.getMetadata().getCreationTimestamp());
        long createdVersion = Long.parseLong(created.getMetadata().getResourceVersion());

        V1Node read = core.readNode("crud-node").execute();
        assertEquals(created.getMetadata().getUid(), read.getMetadata().getUid());
        V1NodeList list = core.listNode().execute();
        assertTrue(list.getItems().stream().anyMatch(n -> n.getMetadata().getName().equals("crud-node")));

        read.getMetadata().putLabelsItem("zone", "a");
        V1Node updated = core.replaceNode("crud-node", read).execute();
        assertEquals("a", updated.getMetadata().getLabels().get("zone"));
        assertTrue(Long.parseLong(updated.getMetadata().getResourceVersion()) > createdVersion,
                "resourceVersions must grow numerically");

        V1Node merged = PatchUtils.patch(V1Node.class, () -> core.patchNode("crud-node",
                new V1Patch("{\"metadata\":{\"labels\":{\"merge\":\"yes\"}}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        assertEquals("yes", merged.getMetadata().getLabels().get("merge"));

        V1Node jsonPatched = PatchUtils.patch(V1Node.class, () -> core.patchNode("crud-node",
                new V1Patch("[{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"unschedulable\":true}}]"))
                .buildCall(null), V1Patch.PATCH_FORMAT_JSON_PATCH, client);
        assertEquals(Boolean.TRUE, jsonPatched.getSpec().getUnschedulable());

        V1Node strategic = PatchUtils.patch(V1Node.class, () -> core.patchNodeStatus("crud-node",
                new V1Patch("{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}"))
                .buildCall(null), V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
        assertEquals("Ready", strategic.getStatus().getConditions().get(0).getType());
        assertEquals("yes", strategic.getMetadata().getLabels().get("merge"), "a patch keeps what it does not name");

        V1Status deleted = core.deleteNode("crud-node").execute();
        assertEquals("Success", deleted.getStatus());
        ApiException gone = assertThrows(ApiException.class, () -> core.readNode("crud-node").execute());
        assertEquals(404, gone.getCode());
    }

    @Test
    void podCreateGetListUpdateStrategicPatchDelete() throws ApiException {
        V1Pod created = core.createNamespacedPod("default", ClientSupport.pod("crud-pod", null)).execute();
        assertEquals("default", created.getMetadata().getNamespace());

        V1PodList list = core.listNamespacedPod("default").labelSelector("app=crud-pod").execute();
        assertEquals(List.of("crud-pod"), list.getItems().stream().map(p -> p.getMetadata().getName()).toList());

        V1Pod read = core.readNamespacedPod("crud-pod", "default").execute();
        read.getSpec().getContainers().get(0).setImage("busybox:1.37");
        V1Pod updated = core.replaceNamespacedPod("crud-pod", "default", read).execute();
        assertEquals("busybox:1.37", updated.getSpec().getContainers().get(0).getImage());

        // Strategic merge: the container list is merged by name, so the image stays and the env is added.
        V1Pod patched = PatchUtils.patch(V1Pod.class, () -> core.patchNamespacedPod("crud-pod", "default",
                new V1Patch("{\"spec\":{\"containers\":[{\"name\":\"main\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}]}}"))
                .buildCall(null), V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
        assertEquals(1, patched.getSpec().getContainers().size());
        assertEquals("busybox:1.37", patched.getSpec().getContainers().get(0).getImage());
        assertEquals("1", patched.getSpec().getContainers().get(0).getEnv().get(0).getValue());

        V1Pod deleted = core.deleteNamespacedPod("crud-pod", "default").execute();
        assertEquals("crud-pod", deleted.getMetadata().getName());
        assertEquals(404, assertThrows(ApiException.class,
                () -> core.readNamespacedPod("crud-pod", "default").execute()).getCode());
    }

    @Test
    void fieldSelectorOnNodeNameSelectsThatNodesPods() throws ApiException {
        core.createNamespacedPod("default", ClientSupport.pod("on-a", "selector-a")).execute();
        core.createNamespacedPod("default", ClientSupport.pod("on-b", "selector-b")).execute();
        V1PodList onA = core.listPodForAllNamespaces().fieldSelector("spec.nodeName=selector-a").execute();
        assertEquals(List.of("on-a"), onA.getItems().stream().map(p -> p.getMetadata().getName()).toList());
        core.deleteNamespacedPod("on-a", "default").gracePeriodSeconds(0).execute();
        core.deleteNamespacedPod("on-b", "default").gracePeriodSeconds(0).execute();
    }

    @Test
    void boundPodIsDeletedGracefullyThenForGoodWithGraceZero() throws ApiException {
        V1Pod pod = ClientSupport.pod("graceful", "edge-1");
        pod.getSpec().setTerminationGracePeriodSeconds(12L);
        core.createNamespacedPod("default", pod).execute();

        V1Pod marked = core.deleteNamespacedPod("graceful", "default").execute();
        assertNotNull(marked.getMetadata().getDeletionTimestamp());
        assertEquals(12L, marked.getMetadata().getDeletionGracePeriodSeconds());
        V1Pod stillThere = core.readNamespacedPod("graceful", "default").execute();
        assertNotNull(stillThere.getMetadata().getDeletionTimestamp());

        V1Pod again = core.deleteNamespacedPod("graceful", "default").gracePeriodSeconds(5).execute();
        assertEquals(marked.getMetadata().getResourceVersion(), again.getMetadata().getResourceVersion(),
                "a second graceful delete changes nothing");

        core.deleteNamespacedPod("graceful", "default").gracePeriodSeconds(0).execute();
        assertEquals(404, assertThrows(ApiException.class,
                () -> core.readNamespacedPod("graceful", "default").execute()).getCode());
    }

    @Test
    void aGracefulDeleteRacingStatusWritesIsNeverAConflict() throws Exception {
        for (int i = 0; i < 10; i++) {
            String name = "racing-" + i;
            V1Pod created = core.createNamespacedPod("default", ClientSupport.pod(name, "edge-1")).execute();
            java.util.concurrent.atomic.AtomicBoolean deleting = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> writers = new java.util.ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                // Kubelets writing status as fast as they can (no resourceVersion: unconditional) while the delete
                // comes in.
                writers.add(new Thread(() -> {
                    for (int n = 0; n < 200 && !deleting.get(); n++) {
                        created.getMetadata().setResourceVersion(null);
                        created.setStatus(new io.kubernetes.client.openapi.models.V1PodStatus().phase("Running")
                                .message("writer " + writer + " write " + n));
                        try {
                            core.replaceNamespacedPodStatus(name, "default", created).execute();
                        } catch (ApiException e) {
                            return; // the pod is marked or gone
                        }
                    }
                }));
            }
            writers.forEach(Thread::start);
            Thread.sleep(20);
            V1Pod marked = core.deleteNamespacedPod(name, "default").execute();
            deleting.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            assertNotNull(marked.getMetadata().getDeletionTimestamp(), "the DELETE went through, no 409");
        }
    }

    @Test
    void gracePeriodFromTheRequestWins() throws ApiException {
        core.createNamespacedPod("default", ClientSupport.pod("grace-from-request", "edge-1")).execute();
        V1Pod marked = core.deleteNamespacedPod("grace-from-request", "default").gracePeriodSeconds(7).execute();
        assertEquals(7L, marked.getMetadata().getDeletionGracePeriodSeconds());
        core.deleteNamespacedPod("grace-from-request", "default").gracePeriodSeconds(0).execute();
    }

    @Test
    void errorsAreStatusObjectsLikeARealServers() throws ApiException {
        ApiException missing = assertThrows(ApiException.class,
                () -> core.readNamespacedPod("no-such-pod", "default").execute());
        assertEquals(404, missing.getCode());
        assertTrue(missing.getResponseBody().contains("\"reason\":\"NotFound\""), missing.getResponseBody());
        assertTrue(missing.getResponseBody().contains("pods \\\"no-such-pod\\\" not found"), missing.getResponseBody());

        core.createNamespacedPod("default", ClientSupport.pod("twice", null)).execute();
        ApiException duplicate = assertThrows(ApiException.class,
                () -> core.createNamespacedPod("default", ClientSupport.pod("twice", null)).execute());
        assertEquals(409, duplicate.getCode());
        assertTrue(duplicate.getResponseBody().contains("\"reason\":\"AlreadyExists\""), duplicate.getResponseBody());
        assertTrue(duplicate.getResponseBody().contains("\"kind\":\"Status\""), duplicate.getResponseBody());
        core.deleteNamespacedPod("twice", "default").execute();

        V1Pod stale = core.createNamespacedPod("default", ClientSupport.pod("stale", null)).execute();
        core.replaceNamespacedPod("stale", "default", core.readNamespacedPod("stale", "default").execute()).execute();
        ApiException conflict = assertThrows(ApiException.class,
                () -> core.replaceNamespacedPod("stale", "default", stale).execute());
        assertEquals(409, conflict.getCode());
        assertTrue(conflict.getResponseBody().contains("\"reason\":\"Conflict\""), conflict.getResponseBody());
        core.deleteNamespacedPod("stale", "default").execute();
    }

    @Test
    void unboundPodIsDeletedAtOnce() throws ApiException {
        core.createNamespacedPod("default", ClientSupport.pod("unbound", null)).execute();
        V1Pod deleted = core.deleteNamespacedPod("unbound", "default").execute();
        assertNull(deleted.getMetadata().getDeletionTimestamp());
        assertFalse(core.listNamespacedPod("default").execute().getItems().stream()
                .anyMatch(p -> p.getMetadata().getName().equals("unbound")));
    }

    @Test
    void secretStringDataIsMergedIntoDataAsAStoredSecretHasIt() throws Exception {
        io.kubernetes.client.openapi.models.V1Secret secret = new io.kubernetes.client.openapi.models.V1Secret()
                .apiVersion("v1").kind("Secret").metadata(new io.kubernetes.client.openapi.models.V1ObjectMeta()
                        .name("with-string-data").namespace("default"))
                .putDataItem("kept", "a".getBytes()).putStringDataItem("plain", "hello")
                .putStringDataItem("kept2", "b");
        core.createNamespacedSecret("default", secret).execute();
        io.kubernetes.client.openapi.models.V1Secret read = core.readNamespacedSecret("with-string-data", "default")
                .execute();
        assertEquals("hello", new String(read.getData().get("plain")));
        assertEquals("a", new String(read.getData().get("kept")));
        assertEquals("b", new String(read.getData().get("kept2")));
        assertTrue(read.getStringData() == null || read.getStringData().isEmpty(), "stringData is write-only");
    }
}

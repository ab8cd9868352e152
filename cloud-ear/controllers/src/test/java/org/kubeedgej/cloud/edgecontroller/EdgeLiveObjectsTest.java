package org.kubeedgej.cloud.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.informer.cache.Cache;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.leaderelection.TestLeadership;
import org.kubeedgej.cloud.messaging.DownstreamQueue;
import org.kubeedgej.cloud.synccontroller.LiveObjects.LiveObject;
import org.kubeedgej.cloud.synccontroller.ObjectSyncLookup;
import org.kubeedgej.cloud.synccontroller.ObjectSyncRecord;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;

/** EdgeController's answers to SyncController, over hand-filled informer caches. */
final class EdgeLiveObjectsTest {

    private record Queued(String nodeId, String uid, boolean isDelete, Message message) {}

    private final List<Queued> queued = new ArrayList<>();
    private final Cache<V1Pod> pods = new Cache<>();
    private final Cache<V1Node> nodes = new Cache<>();
    private final Cache<V1ConfigMap> configMaps = new Cache<>();
    private EdgeLiveObjects underTest;

    private final org.kubeedgej.cloud.leaderelection.ControllerLeadership podLeadership =
            TestLeadership.leading();

    @BeforeEach
    void wire() {
        DownstreamQueue queue = (nodeId, uid, isDelete, json) -> queued.add(new Queued(nodeId, uid, isDelete,
                MessageCodec.create().decode(json)));
        ObjectSyncLookup noRecords = new ObjectSyncLookup() {
            @Override
            public Optional<String> resourceVersion(String nodeId, String namespace, String uid) {
                return Optional.empty();
            }
        };
        underTest = new EdgeLiveObjects();
        underTest.queue = queue;
        underTest.pods = new PodDownstreamReconciler();
        underTest.pods.queue = queue;
        underTest.pods.leadership = podLeadership;
        underTest.pods.objectSyncs = noRecords;
        underTest.pods.use(pods, nodes);
        underTest.configSources = new ConfigSourceReconciler();
        underTest.configSources.queue = queue;
        underTest.configSources.leadership = TestLeadership.leading();
        underTest.configSources.objectSyncs = noRecords;
        underTest.configSources.use(configMaps, new Cache<V1Secret>(), nodes);
        underTest.use(pods, nodes, () -> true);
        nodes.add(JSON.deserialize("{\"metadata\":{\"name\":\"edge-1\",\"labels\":{\"node-role.kubernetes.io/edge\":"
                + "\"\"}}}", V1Node.class));
    }

    private static ObjectSyncRecord record(String kind, String uid, String name) {
        return new ObjectSyncRecord("edge-1." + uid, "default", "v1", kind, name, "3");
    }

    private static V1Pod pod(String name, String uid, String node, String version) {
        return JSON.deserialize("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"" + uid
                + "\",\"resourceVersion\":\"" + version + "\"},\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"x\",\"envFrom\":[{\"configMapRef\":{\"name\":\"app\"}}]}]}}",
                V1Pod.class);
    }

    @Test
    void deletedPodGetsThePodDeleteMessageWithTheRecordsIdentity() {
        underTest.delete(record("Pod", "u1", "web"));
        assertEquals(1, queued.size());
        Queued delete = queued.get(0);
        assertEquals("edge-1", delete.nodeId());
        assertEquals("u1", delete.uid());
        assertTrue(delete.isDelete(), "a delete is never replaced on the node's queue");
        assertEquals("delete", delete.message().route().operation());
        assertEquals("node/edge-1/default/pod/web", delete.message().route().resource());
        assertEquals("3", delete.message().header().resourceVersion());
        JsonObject content = delete.message().content().asJsonObject();
        assertEquals("Pod", content.getString("kind"));
        assertEquals("u1", content.getJsonObject("metadata").getString("uid"));
    }

    @Test
    void deletedConfigMapAndSecretGetTheirDeleteMessages() {
        underTest.delete(record("ConfigMap", "c1", "app"));
        underTest.delete(record("Secret", "s1", "token"));
        assertEquals("node/edge-1/default/configmap/app", queued.get(0).message().route().resource());
        assertEquals("ConfigMap", queued.get(0).message().content().asJsonObject().getString("kind"));
        assertEquals("node/edge-1/default/secret/token", queued.get(1).message().route().resource());
        assertEquals("Secret", queued.get(1).message().content().asJsonObject().getString("kind"));
        assertEquals("delete", queued.get(1).message().route().operation());
    }

    @Test
    void liveObjectsSayWhetherTheRecordsNodeShouldHaveThem() {
        pods.add(pod("web", "u1", "edge-1", "5"));
        pods.add(pod("elsewhere", "u2", "edge-2", "6"));
        assertEquals(Optional.of(new LiveObject("u1", "5", true)), underTest.find(record("Pod", "u1", "web")));
        assertEquals(Optional.of(new LiveObject("u2", "6", false)),
                underTest.find(record("Pod", "u2", "elsewhere")));
        assertEquals(Optional.empty(), underTest.find(record("Pod", "u3", "gone")));

        configMaps.add(JSON.deserialize("{\"metadata\":{\"name\":\"app\",\"namespace\":\"default\",\"uid\":\"c1\","
                + "\"resourceVersion\":\"7\"}}", V1ConfigMap.class));
        assertEquals(Optional.of(new LiveObject("c1", "7", false)), underTest.find(record("ConfigMap", "c1", "app")));
        underTest.configSources.podChanged(pods.getByKey("default/web"));
        assertEquals(Optional.of(new LiveObject("c1", "7", true)), underTest.find(record("ConfigMap", "c1", "app")),
                "a pod on edge-1 uses it now");
    }

    @Test
    void updateIsDecidedByThePodReconciler() {
        pods.add(pod("web", "u1", "edge-1", "5"));
        underTest.update(record("Pod", "u1", "web"));
        assertEquals(1, queued.size());
        assertFalse(queued.get(0).isDelete());
        assertEquals("5", queued.get(0).message().header().resourceVersion());
        underTest.update(record("Pod", "u1", "web"));
        assertEquals(1, queued.size(), "the reconciler knows it sent version 5");
    }

    @Test
    void onlyTheLeaderQueuesPodsAndANewTermSendsWhatTheNodeLacks() {
        pods.add(pod("web", "u1", "edge-1", "5"));
        TestLeadership.lose(podLeadership);
        underTest.pods.reconcile(pods.getByKey("default/web"));
        underTest.pods.deleted(pods.getByKey("default/web"));
        assertEquals(List.of(), queued, "a replica that does not lead sends nothing");

        TestLeadership.lead(podLeadership);
        underTest.pods.forget();
        underTest.pods.reconcile(pods.getByKey("default/web"));
        underTest.pods.reconcile(pods.getByKey("default/web"));
        assertEquals(1, queued.size(), "the new leader sends the pod once: " + queued);
    }

    @Test
    void nodesAndKinds() {
        assertTrue(underTest.nodeExists("edge-1"));
        assertFalse(underTest.nodeExists("edge-9"));
        assertTrue(underTest.handles("Pod") && underTest.handles("ConfigMap") && underTest.handles("Secret"));
        assertFalse(underTest.handles("Node"));
        assertFalse(underTest.handles(""));
    }
}

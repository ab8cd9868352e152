package org.kubeedgej.cloud.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.informer.cache.Cache;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.leaderelection.TestLeadership;
import org.kubeedgej.cloud.synccontroller.ObjectSyncLookup;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;

/** The reconciler on hand-filled informer caches, with a queue that records what each node would get. */
final class ConfigSourceReconcilerTest {

    private record Queued(String nodeId, String uid, boolean isDelete, Message message) {}

    private static final ConfigSourceRef APP = ConfigSourceRef.configMap("default", "app");

    private final List<Queued> queued = new ArrayList<>();
    private final Cache<V1ConfigMap> configMaps = new Cache<>();
    private final Cache<V1Secret> secrets = new Cache<>();
    private final Cache<V1Node> nodes = new Cache<>();
    private final Map<String, String> objectSyncs = new HashMap<>();
    private ConfigSourceReconciler underTest;

    @BeforeEach
    void wire() {
        underTest = new ConfigSourceReconciler();
        underTest.leadership = TestLeadership.leading();
        underTest.queue = (nodeId, uid, isDelete, json) -> queued.add(new Queued(nodeId, uid, isDelete,
                MessageCodec.create().decode(json)));
        underTest.objectSyncs = new ObjectSyncLookup() {
            @Override
            public Optional<String> resourceVersion(String nodeId, String namespace, String uid) {
                return Optional.ofNullable(objectSyncs.get(nodeId + "." + uid));
            }
        };
        underTest.use(configMaps, secrets, nodes);
        nodes.add(node("edge-1", true));
        nodes.add(node("edge-2", true));
        nodes.add(node("cloud-1", false));
    }

    @Test
    void configMapGoesOnlyToEdgeNodesWhosePodsUseIt() {
        configMaps.add(configMap("app", "5", "a"));
        underTest.podChanged(pod("p1", "edge-1"));
        underTest.podChanged(pod("p2", "cloud-1"));

        assertEquals(1, queued.size(), "one node needs it: " + queued);
        Queued sent = queued.get(0);
        assertEquals("edge-1", sent.nodeId());
        assertEquals("cm-app", sent.uid());
        assertEquals("insert", sent.message().route().operation());
        assertEquals("node/edge-1/default/configmap/app", sent.message().route().resource());
        assertEquals("5", sent.message().header().resourceVersion());
    }

    @Test
    void reconcilingTwiceSendsNothingNewAndAChangeIsAnUpdate() {
        configMaps.add(configMap("app", "5", "a"));
        underTest.podChanged(pod("p1", "edge-1"));
        underTest.reconcile(APP);
        underTest.podChanged(pod("p1", "edge-1"));
        assertEquals(1, queued.size());

        configMaps.update(configMap("app", "6", "b"));
        underTest.objectChanged(APP);
        assertEquals(2, queued.size());
        assertEquals("update", queued.get(1).message().route().operation());
        assertEquals("b", queued.get(1).message().content().asJsonObject().getJsonObject("data").getString("k"));
    }

    @Test
    void missingObjectIsADeleteForEveryNodeThatHadIt() {
        configMaps.add(configMap("app", "5", "a"));
        underTest.podChanged(pod("p1", "edge-1"));
        underTest.podChanged(pod("p2", "edge-2"));
        configMaps.delete(configMap("app", "5", "a"));
        underTest.objectChanged(APP);
        underTest.objectChanged(APP);

        List<Queued> deletes = queued.stream().filter(Queued::isDelete).toList();
        assertEquals(2, deletes.size(), "one delete per node, once: " + queued);
        assertEquals(List.of("edge-1", "edge-2"), deletes.stream().map(Queued::nodeId).sorted().toList());
        assertEquals("delete", deletes.get(0).message().route().operation());

        configMaps.add(configMap("app", "9", "c"));
        underTest.objectChanged(APP);
        assertEquals("insert", queued.get(queued.size() - 1).message().route().operation(), "re-created");
    }

    @Test
    void whatANodeAcknowledgedBeforeARestartIsNotSentAgain() {
        configMaps.add(configMap("app", "5", "a"));
        objectSyncs.put("edge-1.cm-app", "5");
        underTest.podChanged(pod("p1", "edge-1"));
        assertTrue(queued.isEmpty(), "ObjectSync says edge-1 has version 5: " + queued);
    }

    @Test
    void oversizedConfigMapIsNotSent() {
        configMaps.add(configMap("app", "5", "x".repeat((int) ConfigSourceLimits.MAX_DATA_BYTES + 1)));
        underTest.podChanged(pod("p1", "edge-1"));
        assertTrue(queued.isEmpty());
    }

    @Test
    void podNotYetOnAnEdgeNodeGetsItsConfigMapWhenTheNodeBecomesOne() {
        configMaps.add(configMap("app", "5", "a"));
        underTest.podChanged(pod("p1", "cloud-1"));
        assertTrue(queued.isEmpty());
        V1Node labelled = node("cloud-1", true);
        nodes.update(labelled);
        underTest.nodeChanged(labelled);
        assertEquals(1, queued.size());
    }

    private static V1ConfigMap configMap(String name, String version, String value) {
        return JSON.deserialize("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"cm-"
                + name + "\",\"resourceVersion\":\"" + version + "\"},\"data\":{\"k\":\"" + value + "\"}}",
                V1ConfigMap.class);
    }

    private static V1Pod pod(String name, String node) {
        return JSON.deserialize("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"uid\":\"uid-"
                + name + "\"},\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"c\",\"image\":"
                + "\"x\",\"envFrom\":[{\"configMapRef\":{\"name\":\"app\"}}]}]}}", V1Pod.class);
    }

    private static V1Node node(String name, boolean edge) {
        return JSON.deserialize("{\"metadata\":{\"name\":\"" + name + "\"" + (edge
                ? ",\"labels\":{\"node-role.kubernetes.io/edge\":\"\"}" : "") + "}}", V1Node.class);
    }
}

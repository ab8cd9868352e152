package org.kubeedgej.cloud.synccontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;
import org.kubeedgej.cloud.leaderelection.TestLeadership;
import org.kubeedgej.cloud.synccontroller.LiveObjects.LiveObject;

/** Passes of the reconcile over hand-filled caches: what is done, when, and how often. */
final class ObjectSyncReconcilerTest {

    private final List<ObjectSyncRecord> records = new ArrayList<>();
    private final Map<String, LiveObject> objects = new HashMap<>();
    private final Set<String> nodes = new HashSet<>(Set.of("edge-1"));
    private final List<String> done = new ArrayList<>();
    private boolean synced = true;
    private boolean queueDown;
    private ObjectSyncReconciler underTest;
    private final ControllerLeadership leadership = TestLeadership.leading();

    @BeforeEach
    void wire() {
        underTest = new ObjectSyncReconciler();
        underTest.reconcileSeconds = 5;
        underTest.leadership = leadership;
        underTest.records = new ObjectSyncInformers() {
            @Override
            public boolean hasSynced() {
                return synced;
            }

            @Override
            public List<ObjectSyncRecord> list() {
                return List.copyOf(records);
            }
        };
        underTest.recorder = new ObjectSyncRecorder() {
            @Override
            public void delete(ObjectSyncRecord record) {
                done.add("forget " + record.name());
            }
        };
        underTest.live = new LiveObjects() {
            @Override
            public boolean hasSynced() {
                return synced;
            }

            @Override
            public boolean nodeExists(String nodeId) {
                return nodes.contains(nodeId);
            }

            @Override
            public boolean handles(String kind) {
                return "Pod".equals(kind);
            }

            @Override
            public Optional<LiveObject> find(ObjectSyncRecord record) {
                return Optional.ofNullable(objects.get(record.objectName()));
            }

            @Override
            public void update(ObjectSyncRecord record) {
                done.add("update " + record.name());
            }

            @Override
            public void delete(ObjectSyncRecord record) {
                if (queueDown) {
                    throw new IllegalStateException("broker down");
                }
                done.add("delete " + record.name());
            }
        };
    }

    private static ObjectSyncRecord pod(String node, String uid, String name, String version) {
        return new ObjectSyncRecord(node + "." + uid, "default", "v1", "Pod", name, version);
    }

    @Test
    void nothingHappensBeforeTheCachesHaveListed() {
        synced = false;
        records.add(pod("edge-1", "u1", "gone", "3"));
        underTest.reconcileAll();
        underTest.reconcileAll();
        assertEquals(List.of(), done);
    }

    @Test
    void objectDeletedWhileCloudCoreWasDownIsDeletedOnItsNodeOnceConfirmed() {
        records.add(pod("edge-1", "u1", "gone", "3"));
        underTest.reconcileAll();
        assertEquals(List.of(), done, "the first pass only notes it: the controller may have just queued a delete");
        underTest.reconcileAll();
        assertEquals(List.of("delete edge-1.u1"), done);
        underTest.reconcileAll();
        underTest.reconcileAll();
        assertEquals(List.of("delete edge-1.u1"), done, "one delete while the node has not acknowledged it");
    }

    @Test
    void aReplicaThatDoesNotLeadDoesNothing() {
        TestLeadership.lose(leadership);
        records.add(pod("edge-1", "u1", "gone", "3"));
        records.add(pod("edge-1", "u2", "web", "3"));
        objects.put("web", new LiveObject("u2", "5", true));
        underTest.reconcileAll();
        underTest.reconcileAll();
        assertEquals(List.of(), done, "only the leader reconciles");
    }

    @Test
    void aNewTermForgetsTheDecisionsOfTheLastOne() {
        records.add(pod("edge-1", "u1", "gone", "3"));
        underTest.reconcileAll(); // noted in the first term
        TestLeadership.lose(leadership);
        TestLeadership.lead(leadership); // lost and won back between two passes
        underTest.reconcileAll();
        assertEquals(List.of(), done, "a delete waits for two passes of the same term");
        underTest.reconcileAll();
        assertEquals(List.of("delete edge-1.u1"), done);
    }

    @Test
    void recordThatGoesAwayBetweenPassesIsNotActedOn() {
        records.add(pod("edge-1", "u1", "gone", "3"));
        underTest.reconcileAll();
        records.clear(); // the edge acknowledged the controller's own delete
        underTest.reconcileAll();
        assertEquals(List.of(), done);
    }

    @Test
    void failedDeleteIsTriedAgainNextPass() {
        records.add(pod("edge-1", "u1", "gone", "3"));
        queueDown = true;
        underTest.reconcileAll();
        underTest.reconcileAll();
        assertEquals(List.of(), done);
        queueDown = false;
        underTest.reconcileAll();
        assertEquals(List.of("delete edge-1.u1"), done);
    }

    @Test
    void newerObjectIsHandedToItsControllerOncePerVersion() {
        records.add(pod("edge-1", "u1", "web", "3"));
        objects.put("web", new LiveObject("u1", "5", true));
        underTest.reconcileAll();
        underTest.reconcileAll();
        assertEquals(List.of("update edge-1.u1"), done);
        objects.put("web", new LiveObject("u1", "6", true));
        underTest.reconcileAll();
        assertEquals(List.of("update edge-1.u1", "update edge-1.u1"), done);
    }

    @Test
    void recordsOfADeletedNodeAreDeleted() {
        records.add(pod("edge-2", "u1", "web", "3"));
        objects.put("web", new LiveObject("u1", "3", true));
        underTest.reconcileAll();
        underTest.reconcileAll();
        underTest.reconcileAll();
        assertEquals(List.of("forget edge-2.u1"), done);
    }

    @Test
    void recordsOfOtherKindsAreLeftAlone() {
        records.add(new ObjectSyncRecord("edge-1.u9", "", "v1", "Node", "edge-1", "3"));
        underTest.reconcileAll();
        underTest.reconcileAll();
        assertEquals(List.of(), done);
    }

    @Test
    void aFailingPassDoesNotEndTheSchedule() {
        underTest.records = new ObjectSyncInformers() {
            @Override
            public boolean hasSynced() {
                return true;
            }

            @Override
            public List<ObjectSyncRecord> list() {
                throw new IllegalStateException("cache broken");
            }
        };
        underTest.pass(); // does not throw
    }
}

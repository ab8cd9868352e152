package org.kubeedgej.cloud.synccontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.synccontroller.LiveObjects.LiveObject;

/** The reconcile's decision for one record, case by case. */
final class SyncActionTest {

    private static final ObjectSyncRecord RECORD = new ObjectSyncRecord("edge-1.uid-1", "default", "v1", "Pod",
            "web", "10");

    private static SyncAction decide(ObjectSyncRecord record, LiveObject live) {
        return SyncAction.decide(record, true, true, Optional.ofNullable(live));
    }

    @Test
    void objectAsAcknowledgedIsKept() {
        assertEquals(SyncAction.KEEP, decide(RECORD, new LiveObject("uid-1", "10", true)));
    }

    @Test
    void objectOlderThanTheRecordIsKept() {
        assertEquals(SyncAction.KEEP, decide(RECORD, new LiveObject("uid-1", "9", true)));
    }

    @Test
    void newerObjectIsUpdated() {
        assertEquals(SyncAction.UPDATE, decide(RECORD, new LiveObject("uid-1", "11", true)));
        assertEquals(SyncAction.UPDATE, decide(RECORD, new LiveObject("uid-1", "100", true)),
                "numeric, not text, order");
    }

    @Test
    void missingObjectIsDeletedOnTheEdge() {
        assertEquals(SyncAction.DELETE_ON_EDGE, decide(RECORD, null));
    }

    @Test
    void objectMadeAgainUnderTheSameNameForTheSameNodeReplacesTheOldOne() {
        assertEquals(SyncAction.DELETE_RECORD, decide(RECORD, new LiveObject("uid-2", "20", true)),
                "a delete by name would remove the new object too");
    }

    @Test
    void objectMadeAgainUnderTheSameNameForAnotherNodeIsDeletedOnThisOne() {
        assertEquals(SyncAction.DELETE_ON_EDGE, decide(RECORD, new LiveObject("uid-2", "20", false)));
    }

    @Test
    void recordOfADeletedNodeIsDeletedWhateverItsObject() {
        assertEquals(SyncAction.DELETE_RECORD, SyncAction.decide(RECORD, false, true, Optional.empty()));
        assertEquals(SyncAction.DELETE_RECORD, SyncAction.decide(RECORD, false, true,
                Optional.of(new LiveObject("uid-1", "11", true))));
        assertEquals(SyncAction.DELETE_RECORD, SyncAction.decide(RECORD, false, false, Optional.empty()),
                "also for kinds no controller here sends");
    }

    @Test
    void kindsNoControllerSendsAreLeftAlone() {
        ObjectSyncRecord node = new ObjectSyncRecord("edge-1.uid-n", "", "v1", "Node", "edge-1", "3");
        assertEquals(SyncAction.KEEP, SyncAction.decide(node, true, false, Optional.empty()));
    }

    @Test
    void recordWithoutStatusYetIsKept() {
        ObjectSyncRecord fresh = new ObjectSyncRecord("edge-1.uid-1", "default", "v1", "Pod", "web", "");
        assertEquals(SyncAction.KEEP, decide(fresh, new LiveObject("uid-1", "11", true)));
    }

    @Test
    void resourceVersionsThatAreNotNumbersAreNeverNewer() {
        assertEquals(SyncAction.KEEP, decide(RECORD, new LiveObject("uid-1", "abc", true)));
        assertEquals(0, ResourceVersions.compare("abc", "abc"));
        assertEquals(-1, ResourceVersions.compare("abc", "10"));
        assertEquals(-1, ResourceVersions.compare(null, "10"));
    }
}

package org.kubeedgej.cloud.leaderelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leadership changes: each is told once, with the replica, and a term is counted per start. */
class ControllerLeadershipTest {

    private final List<LeadershipChanged> changes = new ArrayList<>();
    private final ControllerLeadership underTest = TestLeadership.following(changes);

    @Test
    void doesNotLeadUntilTheLeaseIsAcquired() {
        assertFalse(underTest.isLeader());
        assertTrue(underTest.leadingSince().isEmpty());
        assertEquals("", underTest.holder());
        assertEquals(0, underTest.transitions());
    }

    @Test
    void startAndStopAreEachToldOnce() {
        underTest.started();
        underTest.started(); // the elector's hook and a retry may both report it
        assertTrue(underTest.isLeader());
        assertTrue(underTest.leadingSince().isPresent());
        assertEquals("test-replica", underTest.holder());

        underTest.stopped("renew failed");
        underTest.stopped("round ended");
        assertFalse(underTest.isLeader());
        assertTrue(underTest.leadingSince().isEmpty());

        assertEquals(List.of(new LeadershipChanged(true, "test-replica"), new LeadershipChanged(false,
                "test-replica")), changes);
    }

    @Test
    void eachTermIsCounted() {
        underTest.started();
        underTest.stopped("lost");
        underTest.started();
        assertEquals(2, underTest.transitions());
    }

    @Test
    void anotherHolderIsRecordedWithoutLeading() {
        underTest.observed("replica-b");
        assertEquals("replica-b", underTest.holder());
        assertFalse(underTest.isLeader());
        assertTrue(changes.isEmpty());
    }
}

package org.kubeedgej.cloud.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueueNamesTest {

    @Test
    void updatesOfOneObjectShareTheLastValueKey() {
        assertEquals(QueueNames.lastValueKey("uid-1", false, "m1"), QueueNames.lastValueKey("uid-1", false, "m2"));
    }

    @Test
    void aDeleteNeverSharesItsKeyWithAnUpdateOrAnotherDelete() {
        String update = QueueNames.lastValueKey("uid-1", false, "m1");
        String delete1 = QueueNames.lastValueKey("uid-1", true, "m2");
        String delete2 = QueueNames.lastValueKey("uid-1", true, "m3");
        assertNotEquals(update, delete1);
        assertNotEquals(delete1, delete2);
        assertEquals("uid-1:delete:m2", delete1);
    }

    @Test
    void nodeQueuesSitUnderTheAutoCreatedLastValueMatch() {
        assertEquals("kubeedge.node.edge-1", QueueNames.nodeQueue("edge-1"));
        assertTrue(QueueNames.NODE_QUEUE_MATCH.startsWith(QueueNames.NODE_QUEUE_PREFIX));
    }

    @Test
    void aNodeNameWithAWildcardOrNothingIsRefused() {
        for (String bad : new String[] {null, "", " ", "edge-#", "edge-*"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueueNames.nodeQueue(bad));
            assertTrue(e.getMessage().contains("Kubernetes node name"), e.getMessage());
        }
    }
}

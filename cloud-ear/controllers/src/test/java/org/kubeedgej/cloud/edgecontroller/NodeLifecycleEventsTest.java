package org.kubeedgej.cloud.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NodeLifecycleEventsTest {

    private static final V1Node NODE = new V1Node().metadata(new V1ObjectMeta().name("edge-1").uid("u-1"));

    @Test
    void theEventIsTheNodeControllersStatusChange() {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 7, 14, 0, 0, 5, ZoneOffset.UTC);
        CoreV1Event event = NodeLifecycleEvents.event(NODE, "NodeNotReady", "replica-a", at);

        assertEquals("default", event.getMetadata().getNamespace(), "Events of cluster-scoped objects");
        assertEquals("Node", event.getInvolvedObject().getKind());
        assertEquals("edge-1", event.getInvolvedObject().getName());
        assertEquals("u-1", event.getInvolvedObject().getUid());
        assertEquals("NodeNotReady", event.getReason());
        assertEquals("Node edge-1 status is now: NodeNotReady", event.getMessage());
        assertEquals("Normal", event.getType());
        assertEquals("node-controller", event.getSource().getComponent());
        assertEquals("replica-a", event.getReportingInstance());
        assertEquals(1, event.getCount());
        assertEquals(at, event.getFirstTimestamp());
        assertEquals("edge-1." + Long.toHexString(at.toEpochSecond() * 1_000_000_000L + 5),
                event.getMetadata().getName());
    }

    @Test
    void twoChangesOfOneNodeHaveTwoNames() {
        OffsetDateTime at = OffsetDateTime.of(2026, 12, 7, 14, 0, 0, 0, ZoneOffset.UTC);
        assertNotEquals(NodeLifecycleEvents.event(NODE, "NodeNotReady", "r", at).getMetadata().getName(),
                NodeLifecycleEvents.event(NODE, "NodeNotReady", "r", at.plusNanos(1)).getMetadata().getName());
    }
}

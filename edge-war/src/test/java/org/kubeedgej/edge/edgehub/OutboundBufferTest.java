package org.kubeedgej.edge.edgehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Message;

final class OutboundBufferTest {

    @Test
    void newerMessageAboutTheSameObjectReplacesTheOlderAndMovesToTheBack() {
        OutboundBuffer underTest = new OutboundBuffer(10);
        underTest.add(status("default/podstatus/a", "v1"));
        underTest.add(status("default/podstatus/b", "v1"));
        underTest.add(status("default/podstatus/a", "v2"));
        List<Message> drained = underTest.drain();
        assertEquals(2, drained.size());
        assertEquals("default/podstatus/b", drained.get(0).route().resource());
        assertEquals("v2", drained.get(1).contentString());
        assertEquals(0, underTest.size());
    }

    @Test
    void fullBufferDropsTheOldestAndKeepsTheLatestOfEachRecentObject() {
        OutboundBuffer underTest = new OutboundBuffer(2);
        assertFalse(underTest.add(status("default/podstatus/a", "v1")));
        assertFalse(underTest.add(status("default/podstatus/b", "v1")));
        assertTrue(underTest.add(status("default/podstatus/c", "v1")));
        assertEquals(1, underTest.dropped());
        assertEquals(List.of("default/podstatus/b", "default/podstatus/c"),
                underTest.drain().stream().map(m -> m.route().resource()).toList());
    }

    @Test
    void tryToCreateWithoutCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new OutboundBuffer(0));
    }

    private static Message status(String resource, String version) {
        return Message.newRequest("edged", "meta", "update", resource, Message.textContent(version));
    }
}

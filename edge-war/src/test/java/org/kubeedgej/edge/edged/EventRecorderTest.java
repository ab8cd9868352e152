package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Message;

/** What goes to EdgeHub: an insert, then patches of the same Event, and nothing past the spam filter's burst. */
class EventRecorderTest {

    private final List<Message> sent = new ArrayList<>();
    private final EdgeHubClient hub = new EdgeHubClient() {
        @Override
        public void send(Message message) {
            sent.add(message);
        }
    };
    private final EventRecorder underTest = EventRecorder.of(hub, "edge-1",
            Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));
    private final EventReference ref = EventReference.container(new PodRef("default", "web", "u1", false), "main");

    @Test
    void aRepeatPatchesTheEventItCreated() {
        underTest.record(ref, RecordedEvent.WARNING, "BackOff", "Back-off restarting failed container");
        underTest.record(ref, RecordedEvent.WARNING, "BackOff", "Back-off restarting failed container");
        assertEquals(List.of("insert", "patch"), sent.stream().map(m -> m.route().operation()).toList());
        assertEquals(sent.get(0).route().resource(), sent.get(1).route().resource());
        assertEquals("edge-1", sent.get(1).content().asJsonObject().getJsonObject("event").getJsonObject("source")
                .getString("host"));
        assertEquals(2, sent.get(1).content().asJsonObject().getJsonObject("event").getInt("count"));
        assertEquals(1, underTest.created());
        assertEquals(1, underTest.patched());
    }

    @Test
    void pastTheBurstEventsAreDroppedAndCounted() {
        for (int i = 0; i < 30; i++) {
            underTest.record(ref, RecordedEvent.WARNING, "Unhealthy", "Liveness probe failed: " + (i % 2));
        }
        assertEquals(EventRecorder.BURST, sent.size());
        assertEquals(30 - EventRecorder.BURST, underTest.throttled());
    }
}

package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;

/**
 * The wire shape of Events, against messages as KubeEdge 1.22's edged sends them: its metaclient builds
 * {@code BuildMsg("meta", "", "edged", "<ns>/event/<name>", op, content)} with a core/v1 Event marshalled by Go
 * (client-go's recorder fills it), or for a repeat KubeEdge's EventPatchInfo {@code {"event","patchData"}}.
 */
class EventPayloadsTest {

    private static final Instant FIRST = Instant.parse("2025-03-01T10:00:00.500Z");
    private static final Instant LAST = Instant.parse("2025-03-01T10:00:42.900Z");
    private final PodRef pod = new PodRef("default", "web", "4d6a0c1e-8a7b-4b8e-9d1f-2c3b4a5d6e7f", false);

    /** A message as KubeEdge's edge puts it on the wire (Go's json.Marshal: route, header, Event with Go's names). */
    private static final String KUBEEDGE_INSERT = """
            {"header":{"msg_id":"0b9d0f1e-3c2a-4f5e-8a7b-6c5d4e3f2a1b","parent_msg_id":"","timestamp":1740823200500,
             "sync":false},
             "route":{"source":"edged","group":"meta","operation":"insert","resource":"default/event/web.1828a1b2c3d4e5f6"},
             "content":{"metadata":{"name":"web.1828a1b2c3d4e5f6","namespace":"default","creationTimestamp":null},
              "involvedObject":{"kind":"Pod","namespace":"default","name":"web",
               "uid":"4d6a0c1e-8a7b-4b8e-9d1f-2c3b4a5d6e7f","apiVersion":"v1","fieldPath":"spec.containers{main}"},
              "reason":"BackOff",
              "message":"Back-off restarting failed container main in pod web_default(4d6a0c1e-8a7b-4b8e-9d1f-2c3b4a5d6e7f)",
              "source":{"component":"kubelet","host":"edge-1"},"firstTimestamp":"2025-03-01T10:00:00Z",
              "lastTimestamp":"2025-03-01T10:00:00Z","count":1,"type":"Warning","eventTime":null,
              "reportingComponent":"kubelet","reportingInstance":"edge-1"}}""";

    @Test
    void aNewEventIsAnInsertOfTheEventAsKubeEdgeSendsIt() {
        CorrelatedEvent e = new CorrelatedEvent("web.1828a1b2c3d4e5f6", backOff(), 1, FIRST, FIRST);
        Message ours = EventPayloads.message(e, "edge-1");
        Message theirs = MessageCodec.create().decode(KUBEEDGE_INSERT);
        assertEquals(theirs.route(), ours.route());
        assertEquals(theirs.content(), ours.content());
    }

    @Test
    void aRepeatIsAPatchWithEventPatchInfoAndClientGosPatch() {
        CorrelatedEvent e = new CorrelatedEvent("web.1828a1b2c3d4e5f6", backOff(), 3, FIRST, LAST);
        Message ours = EventPayloads.message(e, "edge-1");
        assertEquals("patch", ours.route().operation());
        assertEquals("default/event/web.1828a1b2c3d4e5f6", ours.route().resource());
        assertEquals("edged", ours.route().source());
        assertEquals("meta", ours.route().group());
        JsonObject info = ours.content().asJsonObject();
        JsonObject event = info.getJsonObject("event");
        assertEquals(3, event.getInt("count"));
        assertEquals("2025-03-01T10:00:00Z", event.getString("firstTimestamp"));
        assertEquals("2025-03-01T10:00:42Z", event.getString("lastTimestamp"));
        // client-go's CreateTwoWayMergePatch of count, lastTimestamp and message: Go writes the keys sorted.
        assertEquals("{\"count\":3,\"lastTimestamp\":\"2025-03-01T10:00:42Z\",\"message\":\"" + backOff().message()
                + "\"}", info.getString("patchData"));
        assertEquals(Json.createReader(new StringReader(info.getString("patchData"))).readObject(),
                EventPayloads.patch(e));
    }

    @Test
    void aNodeEventIsInDefaultAboutTheNodeWithItsNameAsUid() {
        RecordedEvent ready = new RecordedEvent(EventReference.node("edge-1"), RecordedEvent.NORMAL, "NodeReady",
                "Node edge-1 status is now: NodeReady");
        Message m = EventPayloads.message(new CorrelatedEvent("edge-1.1", ready, 1, FIRST, FIRST), "edge-1");
        assertEquals("default/event/edge-1.1", m.route().resource());
        JsonObject involved = m.content().asJsonObject().getJsonObject("involvedObject");
        assertEquals(Json.createObjectBuilder().add("kind", "Node").add("name", "edge-1").add("uid", "edge-1")
                .build(), involved);
        assertFalse(m.content().asJsonObject().getJsonObject("metadata").isNull("namespace"));
        assertEquals("default", m.content().asJsonObject().getJsonObject("metadata").getString("namespace"));
    }

    private RecordedEvent backOff() {
        return new RecordedEvent(EventReference.container(pod, "main"), RecordedEvent.WARNING, "BackOff",
                "Back-off restarting failed container main in pod web_default(" + pod.uid() + ")");
    }
}

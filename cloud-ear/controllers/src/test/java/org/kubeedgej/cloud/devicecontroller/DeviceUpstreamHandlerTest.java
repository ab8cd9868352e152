package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Message;

/** What the upstream transaction does with a device report: queue it, and confirm nothing yet. */
class DeviceUpstreamHandlerTest {

    private final List<String> submitted = new ArrayList<>();
    private final List<String> confirmed = new ArrayList<>();
    private final DeviceUpstreamHandler underTest = new DeviceUpstreamHandler();

    DeviceUpstreamHandlerTest() {
        underTest.statusQueue = new DeviceStatusQueue() {
            @Override
            void submit(String nodeId, DeviceUpstreamResource resource, JsonObject content, Message request) {
                submitted.add(nodeId + " " + resource.deviceId() + " " + resource.kind() + " " + request.header().id());
            }
        };
        underTest.replies = new EdgeReplies() {
            @Override
            public void send(String nodeId, Message request, String source, String group, String resource,
                    JsonValue content, String resourceVersion) {
                confirmed.add(nodeId + " " + request.header().id());
            }
        };
    }

    @Test
    void aTwinReportIsQueuedWithItsMessageAndNotConfirmedInTheUpstreamTransaction() {
        Message report = Message.newRequest("twin", "resource", "update",
                "node/n1/device/default/d1/twin/edge_updated", Json.createObjectBuilder().add("twin",
                        JsonValue.EMPTY_JSON_OBJECT).build());
        EdgeMessageEvent event = new EdgeMessageEvent("n1", report);
        underTest.onEdgeMessage(event);

        assertTrue(event.taken());
        assertEquals(List.of("n1 default/d1 twin/edge_updated " + report.header().id()), submitted);
        assertEquals(List.of(), confirmed, "confirmed by the status writer after the write, not here");
    }

    @Test
    void aMembershipDetailRequestIsStillConfirmedAtOnce() {
        Message detail = Message.newRequest("twin", "resource", "get", "node/n1/membership/detail",
                Json.createValue("{}"));
        underTest.onEdgeMessage(new EdgeMessageEvent("n1", detail));
        assertEquals(List.of("n1 " + detail.header().id()), confirmed);
        assertEquals(List.of(), submitted);
    }
}

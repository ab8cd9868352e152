package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Message;

class DeviceReportTest {

    private static final DeviceUpstreamResource TWIN = new DeviceUpstreamResource("default", "d1",
            DeviceUpstreamResource.TWIN);
    private static final DeviceUpstreamResource STATE = new DeviceUpstreamResource("default", "d1",
            DeviceUpstreamResource.STATE);

    private static JsonObject twins(String... nameValue) {
        var twin = Json.createObjectBuilder();
        for (int i = 0; i < nameValue.length; i += 2) {
            twin.add(nameValue[i], Json.createObjectBuilder().add("actual",
                    Json.createObjectBuilder().add("value", nameValue[i + 1])));
        }
        return Json.createObjectBuilder().add("event_id", "e").add("twin", twin).build();
    }

    private static Message request() {
        return Message.newRequest("twin", "resource", "update", "device/default/d1/twin/edge_updated", null);
    }

    private static String actual(DeviceReport report, String property) {
        return report.content().getJsonObject("twin").getJsonObject(property).getJsonObject("actual")
                .getString("value");
    }

    @Test
    void twinReportsFoldPropertyByPropertyAndKeepEveryRequestToConfirm() {
        Message first = request();
        Message second = request();
        DeviceReport folded = DeviceReport.fold(DeviceReport.of("n1", TWIN, twins("temperature", "1", "humidity",
                "40"), first), DeviceReport.of("n1", TWIN, twins("temperature", "2"), second));

        assertEquals("2", actual(folded, "temperature"), "the newer value wins");
        assertEquals("40", actual(folded, "humidity"), "a property only the older report had stays");
        assertEquals(List.of(first.header().id(), second.header().id()),
                folded.requests().stream().map(m -> m.header().id()).toList());
    }

    @Test
    void aStateReportReplacesTheWaitingOneButItsRequestIsStillConfirmed() {
        Message first = request();
        Message second = request();
        DeviceReport folded = DeviceReport.fold(
                DeviceReport.of("n1", STATE, Json.createObjectBuilder().add("state", "online").build(), first),
                DeviceReport.of("n1", STATE, Json.createObjectBuilder().add("state", "offline").build(), second));

        assertEquals("offline", folded.content().getString("state"));
        assertEquals(2, folded.requests().size());
    }

    @Test
    void reportsOfAnotherNodeOrKindNeverFoldTogether() {
        Message m = request();
        String key = DeviceReport.of("n1", TWIN, twins("t", "1"), m).key();
        assertNotEquals(key, DeviceReport.of("n2", TWIN, twins("t", "1"), m).key());
        assertNotEquals(key, DeviceReport.of("n1", STATE, twins("t", "1"), m).key());
        assertEquals(key, DeviceReport.of("n1", TWIN, twins("u", "2"), request()).key());
    }

    @Test
    void aReportWaitingLongKeepsOnlyTheNewestRequests() {
        DeviceReport waiting = DeviceReport.of("n1", TWIN, twins("t", "0"), request());
        Message last = null;
        for (int i = 1; i <= DeviceReport.MAX_REQUESTS + 10; i++) {
            last = request();
            waiting = DeviceReport.fold(waiting, DeviceReport.of("n1", TWIN, twins("t", String.valueOf(i)), last));
        }
        assertEquals(DeviceReport.MAX_REQUESTS, waiting.requests().size());
        assertEquals(last.header().id(), waiting.requests().get(DeviceReport.MAX_REQUESTS - 1).header().id());
        assertEquals(String.valueOf(DeviceReport.MAX_REQUESTS + 10), actual(waiting, "t"));
    }
}

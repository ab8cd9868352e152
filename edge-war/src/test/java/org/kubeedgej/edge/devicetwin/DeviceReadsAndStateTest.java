package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kubeedgej.edge.devicetwin.DeviceRequestHandlerTest.mode;
import static org.kubeedgej.edge.devicetwin.DeviceRequestHandlerTest.sensor;
import static org.kubeedgej.edge.devicetwin.DeviceRequestHandlerTest.temperature;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.NODE;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.SENSOR;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.json;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** twin/get, membership/get and state/update answered as KubeEdge v1.22 answers them, field by field. */
final class DeviceReadsAndStateTest {

    private static final String MEMBERSHIP = "$hw/events/node/" + NODE + "/membership/get";
    private static final String STATE_RESULT = SENSOR + "state/update/result";

    private DeviceTwinFixture underTest;

    @BeforeEach
    void setUp() {
        underTest = new DeviceTwinFixture().with(sensor(temperature(), mode()))
                .with(new DeviceRecord("default/bare", "bare", "", "", "", Map.of(), Map.of("t", temperature())));
    }

    @Test
    void twinGetAnswersEveryTwinWithoutVersions() {
        underTest.mqtt(SENSOR + "twin/get", "{\"event_id\":\"g1\",\"timestamp\":1}");
        JsonObject result = underTest.only(SENSOR + "twin/get/result");
        assertEquals(json("{\"event_id\":\"g1\",\"timestamp\":" + result.getJsonNumber("timestamp") + ","
                + "\"twin\":{\"mode\":{\"actual\":{\"value\":\"auto\",\"metadata\":{\"timestamp\":7}},"
                + "\"optional\":false,\"metadata\":{\"type\":\"string\"}},"
                + "\"temperature\":{\"expected\":{\"value\":\"30\",\"metadata\":{\"timestamp\":5}},"
                + "\"actual\":{\"value\":\"25\",\"metadata\":{\"timestamp\":7}},\"optional\":true,"
                + "\"metadata\":{\"type\":\"int\"}}}}"), result);
    }

    @Test
    void twinGetOfAnUnknownDeviceIsNotFoundAndABodyThatIsNotJsonIsABadRequest() {
        String ghost = "$hw/events/device/default/ghost/twin/get";
        underTest.mqtt(ghost, "{\"event_id\":\"g2\"}");
        JsonObject missing = underTest.only(ghost + "/result");
        assertEquals(json("{\"event_id\":\"g2\",\"timestamp\":" + missing.getJsonNumber("timestamp") + ","
                + "\"code\":404,\"reason\":\"Device default/ghost not found while getting twin\"}"), missing);

        assertBadRequest(SENSOR + "twin/get", "not json", "Unmarshal twin info not json failed");
    }

    /** KubeEdge's 400 for a body it cannot read: no event id (none could be read), its reason's start. */
    private void assertBadRequest(String topic, String payload, String reasonStart) {
        underTest.mqtt(topic, payload);
        JsonObject bad = underTest.only(topic + "/result");
        assertEquals(400, bad.getInt("code"));
        assertEquals("", bad.getString("event_id"));
        assertTrue(bad.getString("reason").startsWith(reasonStart), bad.toString());
    }

    @Test
    void membershipListsTheDevicesWithoutTwinsAndWithoutEmptyFields() {
        underTest.mqtt(MEMBERSHIP, "{\"event_id\":\"m1\"}");
        JsonObject result = underTest.only(MEMBERSHIP + "/result");
        assertEquals(json("{\"event_id\":\"m1\",\"timestamp\":" + result.getJsonNumber("timestamp") + ","
                + "\"devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\",\"state\":\"online\","
                + "\"last_online\":\"2026-01-01T00:00:00Z\",\"attributes\":{\"vendor\":{\"value\":\"acme\","
                + "\"optional\":true,\"metadata\":{\"type\":\"string\"}}}},"
                + "{\"id\":\"default/bare\",\"name\":\"bare\"}]}"), result);
    }

    @Test
    void membershipIsAnsweredForThisNodeOnlyAndABodyThatIsNotJsonIsABadRequest() {
        underTest.mqtt("$hw/events/node/other-node/membership/get", "{\"event_id\":\"m2\"}");
        assertEquals(List.of(), underTest.published, "another node's question is not this node's to answer");

        assertBadRequest(MEMBERSHIP, "[1,2]", "Unmarshal get membership info [1,2] failed");
    }

    @Test
    void anOnlineStateIsAnsweredWithANewEventIdAndTheLastOnlineTime() {
        underTest.mqtt(SENSOR + "state/update", "{\"event_id\":\"s1\",\"state\":\"Online\"}");
        JsonObject result = underTest.only(STATE_RESULT);
        assertNotEquals("s1", result.getString("event_id"));
        assertEquals(36, result.getString("event_id").length());
        String lastOnline = underTest.rows.get("default/sensor").lastOnline();
        assertTrue(lastOnline.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ") && !lastOnline.startsWith("2026-01"),
                lastOnline);
        assertEquals(json("{\"name\":\"sensor\",\"state\":\"Online\",\"lastOnlineTime\":\"" + lastOnline + "\"}"),
                result.getJsonObject("device"), "the state as the mapper spelled it, as KubeEdge keeps it");
        assertEquals(List.of("default/sensor"), underTest.statesReported);
    }

    @Test
    void anOfflineStateCarriesNoLastOnlineTimeButTheEdgeRemembersIt() {
        underTest.mqtt(SENSOR + "state/update", "{\"state\":\"offline\"}");
        assertEquals(json("{\"name\":\"sensor\",\"state\":\"offline\"}"),
                underTest.only(STATE_RESULT).getJsonObject("device"));
        assertEquals("2026-01-01T00:00:00Z", underTest.rows.get("default/sensor").lastOnline());
    }

    @Test
    void unknownStatesDevicesAndBodiesAreIgnoredWithoutAnAnswer() {
        underTest.mqtt(SENSOR + "state/update", "{\"state\":\"sleeping\"}");
        underTest.mqtt(SENSOR + "state/update", "{\"state\":1}");
        underTest.mqtt(SENSOR + "state/update", "nope");
        underTest.mqtt("$hw/events/device/default/ghost/state/update", "{\"state\":\"online\"}");
        assertEquals(List.of(), underTest.published);
        assertEquals("online", underTest.rows.get("default/sensor").state());
        assertEquals(List.of(), underTest.statesReported);
    }
}

package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.SENSOR;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.json;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Twin update, the MQTT answers of KubeEdge v1.22's {@code dtmanager/twin.go}, field by field. */
final class DeviceRequestHandlerTest {

    private static final String RESULT = SENSOR + "twin/update/result";
    private static final String DOCUMENT = SENSOR + "twin/update/document";
    private static final String DELTA = SENSOR + "twin/update/delta";
    private static final String TEMPERATURE_30_25 = "{\"expected\":{\"value\":\"30\",\"metadata\":{\"timestamp\":5}},"
            + "\"actual\":{\"value\":\"25\",\"metadata\":{\"timestamp\":7}},\"optional\":true,"
            + "\"metadata\":{\"type\":\"int\"}}";

    private DeviceTwinFixture underTest;
    private long start;

    static Twin temperature() {
        return new Twin("temperature", "", TwinValue.at("30", 5), TwinValue.at("25", 7), new TwinVersion(3, 0),
                new TwinVersion(0, 2), true, "int");
    }

    static Twin mode() {
        return new Twin("mode", "", null, TwinValue.at("auto", 7), TwinVersion.NONE, new TwinVersion(0, 1), false,
                "string");
    }

    static DeviceRecord sensor(Twin... twins) {
        Map<String, Twin> byName = new LinkedHashMap<>();
        for (Twin t : twins) {
            byName.put(t.name(), t);
        }
        return new DeviceRecord("default/sensor", "sensor", "", "online", "2026-01-01T00:00:00Z",
                Map.of("vendor", "acme"), byName);
    }

    @BeforeEach
    void setUp() {
        underTest = new DeviceTwinFixture().with(sensor(temperature(), mode()));
        start = System.currentTimeMillis();
    }

    /** @return the answer's timestamp, checked to be the time of handling */
    private long timeOf(JsonObject answer) {
        long now = answer.getJsonNumber("timestamp").longValue();
        assertTrue(now >= start && now <= System.currentTimeMillis(), "timestamp " + now + " is now");
        return now;
    }

    private Twin stored(String name) {
        return underTest.rows.get("default/sensor").twins().get(name);
    }

    @Test
    void anUpdateIsAnsweredWithOnlyWhatChangedAndNoVersions() {
        underTest.mqtt(SENSOR + "twin/update", "{\"event_id\":\"u1\",\"timestamp\":1,\"twin\":{\"temperature\":"
                + "{\"actual\":{\"value\":\"26\",\"metadata\":{\"timestamp\":1}}}}}");
        JsonObject result = underTest.only(RESULT);
        long now = timeOf(result);
        assertEquals(json("{\"event_id\":\"u1\",\"timestamp\":" + now + ",\"twin\":{\"temperature\":{\"actual\":"
                + "{\"value\":\"26\",\"metadata\":{\"timestamp\":" + now + "}},\"optional\":true,"
                + "\"metadata\":{\"type\":\"int\"}}}}"), result);
        assertEquals(new TwinVersion(0, 3), stored("temperature").actualVersion(), "the edge counts its version up");
        assertEquals(List.of("default/sensor"), underTest.twinsReported);
    }

    @Test
    void theDocumentHoldsTheTwinBeforeAndAfterWithoutVersions() {
        underTest.mqtt(SENSOR + "twin/update", "{\"event_id\":\"u1\",\"twin\":{\"temperature\":{\"actual\":"
                + "{\"value\":\"26\"}}}}");
        JsonObject document = underTest.only(DOCUMENT);
        long now = timeOf(document);
        assertEquals(json("{\"event_id\":\"u1\",\"timestamp\":" + now + ",\"twin\":{\"temperature\":{\"last\":"
                + TEMPERATURE_30_25 + ",\"current\":{\"expected\":{\"value\":\"30\",\"metadata\":{\"timestamp\":5}},"
                + "\"actual\":{\"value\":\"26\",\"metadata\":{\"timestamp\":" + now + "}},\"optional\":true,"
                + "\"metadata\":{\"type\":\"int\"}}}}}"), document);
        assertEquals(List.of(RESULT, DOCUMENT, DELTA), underTest.topics(), "KubeEdge's order");
    }

    @Test
    void aDeltaHasItsOwnEventIdAndListsOnlyTwinsWithADesiredValue() {
        underTest.mqtt(SENSOR + "twin/update", "{\"event_id\":\"u1\",\"twin\":{\"mode\":{\"actual\":"
                + "{\"value\":\"manual\"}}}}");
        JsonObject delta = underTest.only(DELTA);
        assertNotEquals("u1", delta.getString("event_id"));
        assertEquals(36, delta.getString("event_id").length(), "a UUID");
        timeOf(delta);
        assertEquals(json("{\"temperature\":" + TEMPERATURE_30_25 + "}"), delta.getJsonObject("twin"),
                "mode has no desired value and is not listed");
        assertEquals(json("{\"temperature\":\"30\"}"), delta.getJsonObject("delta"));
    }

    @Test
    void anUpdateNestedDeeperThanAnyTwinIsA400AndDeviceTwinCarriesOn() {
        // 20,000 levels once overflowed DeviceTwin's thread stack and silenced every device until a restart.
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        underTest.mqtt(SENSOR + "twin/update", "{\"event_id\":\"deep\",\"twin\":{\"temperature\":" + deep + "}}");
        assertEquals(400, underTest.only(RESULT).getInt("code"));
        underTest.mqtt(SENSOR + "twin/update", "{\"twin\":{\"temperature\":{\"actual\":{\"value\":\"30\"}}}}");
        assertFalse(underTest.on(RESULT).get(1).containsKey("code"), "the next update is taken");
    }

    @Test
    void noDeltaOnceEveryDesiredValueIsReported() {
        underTest.mqtt(SENSOR + "twin/update", "{\"twin\":{\"temperature\":{\"actual\":{\"value\":\"30\"}}}}");
        assertTrue(underTest.on(DELTA).isEmpty());
        assertEquals(1, underTest.on(DOCUMENT).size());
    }

    @Test
    void nullDeletesAnOptionalTwin() {
        underTest.mqtt(SENSOR + "twin/update", "{\"event_id\":\"d1\",\"twin\":{\"temperature\":null}}");
        JsonObject result = underTest.only(RESULT);
        assertEquals(json("{\"event_id\":\"d1\",\"timestamp\":" + timeOf(result) + ",\"twin\":{\"temperature\":null}}"),
                result);
        JsonObject document = underTest.only(DOCUMENT);
        assertEquals(json("{\"temperature\":{\"last\":" + TEMPERATURE_30_25 + ",\"current\":null}}"),
                document.getJsonObject("twin"));
        assertNull(stored("temperature"));
        underTest.mqtt(SENSOR + "twin/get", "{}");
        assertFalse(underTest.only(SENSOR + "twin/get/result").getJsonObject("twin").containsKey("temperature"));
    }

    @Test
    void nullLeavesARequiredTwinAndAnUnknownOneAlone() {
        underTest.mqtt(SENSOR + "twin/update", "{\"event_id\":\"d2\",\"twin\":{\"mode\":null,\"nothing\":null}}");
        assertEquals(json("{}"), underTest.only(RESULT).getJsonObject("twin"));
        assertFalse(underTest.only(RESULT).containsKey("code"));
        assertTrue(underTest.on(DOCUMENT).isEmpty());
        assertEquals(mode(), stored("mode"));
        assertTrue(underTest.twinsReported.isEmpty(), "nothing changed, nothing to report");
    }

    @Test
    void theRequestsVersionsAreNotLookedAt() {
        underTest.mqtt(SENSOR + "twin/update", "{\"event_id\":\"v\",\"twin\":{\"temperature\":{\"actual\":"
                + "{\"value\":\"20\"},\"actual_version\":{\"cloud\":0,\"edge\":0},"
                + "\"expected_version\":{\"cloud\":0,\"edge\":0}}}}");
        assertFalse(underTest.only(RESULT).containsKey("code"), "an old version is no conflict");
        assertEquals("20", stored("temperature").actual().value());
        assertEquals(new TwinVersion(0, 3), stored("temperature").actualVersion());
    }

    @Test
    void twinNamesAndValuesMustFollowKubeEdgesPattern() {
        assertRefused("{\"event_id\":\"k\",\"twin\":{\"bad key!\":{\"actual\":{\"value\":\"1\"}}}}", "k",
                TwinRules.KEY_ERROR);
        assertRefused("{\"event_id\":\"k\",\"twin\":{\"" + "k".repeat(129) + "\":{\"actual\":{\"value\":\"1\"}}}}",
                "k", TwinRules.KEY_ERROR);
        assertRefused("{\"event_id\":\"v\",\"twin\":{\"mode\":{\"actual\":{\"value\":\"hello world\"}}}}", "v",
                TwinRules.VALUE_ERROR);
        assertRefused("{\"event_id\":\"v\",\"twin\":{\"mode\":{\"expected\":{\"value\":\"" + "v".repeat(513)
                + "\"}}}}", "v", TwinRules.VALUE_ERROR);
        assertEquals(sensor(temperature(), mode()), underTest.rows.get("default/sensor"), "nothing written");

        underTest.mqtt(SENSOR + "twin/update", "{\"twin\":{\"" + "k".repeat(128) + "\":{\"actual\":{\"value\":"
                + "\"a-Z_0.9,:/@#\"}},\"mode\":{\"actual\":{\"value\":\"\"}}}}");
        assertFalse(underTest.on(RESULT).get(4).containsKey("code"), "the longest name, every allowed sign, empty");
    }

    private void assertRefused(String request, String eventId, String reason) {
        int before = underTest.on(RESULT).size();
        underTest.mqtt(SENSOR + "twin/update", request);
        JsonObject result = underTest.on(RESULT).get(before);
        assertEquals(json("{\"event_id\":\"" + eventId + "\",\"timestamp\":" + timeOf(result) + ",\"code\":400,"
                + "\"reason\":\"" + reason + "\"}"), result);
    }

    @Test
    void aRequestGoCannotReadIsABadRequest() {
        assertRefused("{not json", "", TwinRequests.UNMARSHAL_ERROR);
        assertRefused("{\"event_id\":\"e\"}", "e", TwinRequests.NO_TWIN);
        assertRefused("{\"event_id\":\"e\",\"twin\":null}", "e", TwinRequests.NO_TWIN);
        assertRefused("{\"event_id\":\"e\",\"twin\":{\"mode\":{\"actual\":{\"value\":25}}}}", "e",
                TwinRequests.UNMARSHAL_ERROR);
        assertRefused("{\"event_id\":\"e\",\"timestamp\":\"now\",\"twin\":{}}", "e", TwinRequests.UNMARSHAL_ERROR);
        assertRefused("{\"event_id\":\"e\",\"twin\":{\"mode\":{\"optional\":\"yes\"}}}", "e",
                TwinRequests.UNMARSHAL_ERROR);
        assertRefused("{\"event_id\":\"e\",\"twin\":{\"mode\":{\"actual\":{}}}}", "e", TwinRequests.UNMARSHAL_ERROR);
        assertTrue(underTest.on(DOCUMENT).isEmpty());
    }

    @Test
    void aValueNotOfTheTwinsTypeRefusesTheWholeRequest() {
        assertRefused("{\"event_id\":\"t\",\"twin\":{\"mode\":{\"actual\":{\"value\":\"manual\"}},"
                + "\"temperature\":{\"actual\":{\"value\":\"warm\"}}}}", "t", "the value is not int or integer");
        assertEquals(mode(), stored("mode"), "all or nothing");
        assertTrue(underTest.twinsReported.isEmpty());
    }

    @Test
    void aTwinKeepsTheTypeItWasCreatedWith() {
        underTest.mqtt(SENSOR + "twin/update", "{\"twin\":{\"temperature\":{\"actual\":{\"value\":\"26\"},"
                + "\"metadata\":{\"type\":\"float\",\"unit\":\"C\"}}}}");
        JsonObject twin = underTest.only(RESULT).getJsonObject("twin").getJsonObject("temperature");
        assertEquals(json("{\"type\":\"int\"}"), twin.getJsonObject("metadata"));
        assertEquals("int", stored("temperature").type());
    }

    @Test
    void aNewTwinIsAnsweredWholeAndDeletedIsNoType() {
        underTest.mqtt(SENSOR + "twin/update", "{\"event_id\":\"n\",\"twin\":{\"pressure\":{\"actual\":"
                + "{\"value\":\"1013\"},\"metadata\":{\"type\":\"int\"}}}}");
        JsonObject result = underTest.only(RESULT);
        long now = timeOf(result);
        assertEquals(json("{\"pressure\":{\"actual\":{\"value\":\"1013\",\"metadata\":{\"timestamp\":" + now + "}},"
                + "\"optional\":true,\"metadata\":{\"type\":\"int\"}}}"), result.getJsonObject("twin"));
        assertEquals(json("{\"pressure\":{\"last\":null,\"current\":{\"actual\":{\"value\":\"1013\",\"metadata\":"
                + "{\"timestamp\":" + now + "}},\"optional\":true,\"metadata\":{\"type\":\"int\"}}}}"),
                underTest.only(DOCUMENT).getJsonObject("twin"));
        assertEquals(new TwinVersion(0, 1), stored("pressure").actualVersion());

        assertRefused("{\"event_id\":\"x\",\"twin\":{\"gone\":{\"actual\":{\"value\":\"1\"},\"metadata\":"
                + "{\"type\":\"deleted\"}}}}", "x", TwinRules.TYPE_NOT_ALLOWED);
        assertNull(stored("gone"));
    }

    @Test
    void anUnknownDeviceIsNotFound() {
        String topic = "$hw/events/device/default/ghost/twin/update";
        underTest.mqtt(topic, "{\"event_id\":\"g\",\"twin\":{}}");
        JsonObject result = underTest.only(topic + "/result");
        assertEquals(json("{\"event_id\":\"g\",\"timestamp\":" + timeOf(result) + ",\"code\":404,"
                + "\"reason\":\"update rejected due to the device is not existed\"}"), result);
    }

    @Test
    void aStorageFailureIsAnInternalErrorAndReadsStillAnswer() {
        underTest.failWrites = true;
        underTest.handler.handle(List.of(
                event(SENSOR + "twin/update", "{\"event_id\":\"w\",\"twin\":{\"mode\":{\"actual\":{\"value\":\"m\"}}}}"),
                event(SENSOR + "twin/get", "{\"event_id\":\"r\"}")));
        JsonObject result = underTest.only(RESULT);
        assertEquals(500, result.getInt("code"));
        assertEquals("w", result.getString("event_id"));
        assertEquals("auto", underTest.only(SENSOR + "twin/get/result").getJsonObject("twin")
                .getJsonObject("mode").getJsonObject("actual").getString("value"), "what is stored");
        assertTrue(underTest.on(DOCUMENT).isEmpty());
    }

    private static org.kubeedgej.edge.eventbus.MqttInboundEvent event(String topic, String text) {
        return new org.kubeedgej.edge.eventbus.MqttInboundEvent(topic,
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

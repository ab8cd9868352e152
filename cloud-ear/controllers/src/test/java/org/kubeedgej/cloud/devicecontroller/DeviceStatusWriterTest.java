package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Change detection: what the status holds already is no event, whatever CloudCore remembers. */
final class DeviceStatusWriterTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static JsonObject twin(String property, String value, String type, long timestamp) {
        return json("{\"" + property + "\":{\"actual\":{\"value\":\"" + value + "\",\"metadata\":{\"timestamp\":"
                + timestamp + "}}" + (type.isEmpty() ? "" : ",\"metadata\":{\"type\":\"" + type + "\"}") + "}}");
    }

    /** A Device as the API server returns it, holding temperature 25 (int), state online. */
    private static Map<String, Object> device() {
        Map<String, Object> reported = new LinkedHashMap<>(Map.of("value", "25",
                "metadata", new LinkedHashMap<>(Map.of("timestamp", "1", "type", "int"))));
        Map<String, Object> twin = new LinkedHashMap<>(Map.of("propertyName", "temperature", "reported", reported));
        Map<String, Object> status = new LinkedHashMap<>(Map.of("twins", new java.util.ArrayList<>(List.of(twin)),
                "state", "online", "lastOnlineTime", "2026-11-28T07:00:00Z"));
        return new LinkedHashMap<>(Map.of("metadata", Map.of("uid", "u1"), "status", status));
    }

    @Test
    void aReReportOfTheSameValueIsNeitherWrittenNorAChange() {
        DeviceStatusWriter underTest = new DeviceStatusWriter(device());
        assertEquals(json("{}"), underTest.putReported(twin("temperature", "25", "int", 1)));
        assertFalse(underTest.modified());
    }

    @Test
    void aNewTimestampAloneIsWrittenButNoChange() {
        DeviceStatusWriter underTest = new DeviceStatusWriter(device());
        assertEquals(json("{}"), underTest.putReported(twin("temperature", "25", "", 2)));
        assertTrue(underTest.modified());
    }

    @Test
    void aReportStampedBeforeTheStatusIsLeftOutAndIsNoChange() {
        Map<String, Object> device = device();
        DeviceStatusWriter newer = new DeviceStatusWriter(device);
        assertEquals(json("{\"temperature\":\"27\"}"), newer.putReported(twin("temperature", "27", "int", 300)));
        DeviceStatusWriter late = new DeviceStatusWriter(device);
        assertEquals(json("{}"), late.putReported(twin("temperature", "26", "int", 200)), "no event for the old value");
        assertFalse(late.modified(), "nothing to write");
        assertEquals(List.of("temperature"), late.staleTwins());
        assertEquals(json("{\"temperature\":\"28\"}"),
                new DeviceStatusWriter(device).putReported(twin("temperature", "28", "int", 300)),
                "the same stamp is not older: a second report within one millisecond still counts");
    }

    @Test
    void aNewValueOrTypeIsAChange() {
        DeviceStatusWriter underTest = new DeviceStatusWriter(device());
        assertEquals(json("{\"temperature\":\"26\"}"), underTest.putReported(twin("temperature", "26", "int", 2)));
        assertTrue(underTest.modified());
        assertEquals(json("{\"temperature\":\"25\"}"),
                new DeviceStatusWriter(device()).putReported(twin("temperature", "25", "string", 1)));
        assertEquals(json("{\"humidity\":\"40\"}"),
                new DeviceStatusWriter(device()).putReported(twin("humidity", "40", "", 1)));
    }

    @Test
    void onlyADifferentStateIsAStateChange() {
        DeviceStatusWriter same = new DeviceStatusWriter(device());
        assertEquals(Optional.empty(), same.putState(json("{\"device\":{\"state\":\"online\"}}")));
        assertFalse(same.modified());

        DeviceStatusWriter seenAgain = new DeviceStatusWriter(device());
        assertEquals(Optional.empty(), seenAgain.putState(json("{\"device\":{\"state\":\"online\","
                + "\"lastOnlineTime\":\"2026-11-28T08:00:00Z\"}}")));
        assertTrue(seenAgain.modified(), "the new lastOnlineTime is written");

        DeviceStatusWriter neverReported = new DeviceStatusWriter(new LinkedHashMap<>(Map.of("metadata",
                Map.of("uid", "u2"))));
        assertEquals(Optional.empty(), neverReported.putState(json("{\"device\":{\"state\":\"unknown\"}}")),
                "no state is the edge's unknown");
        assertTrue(neverReported.modified(), "but it is written");

        DeviceStatusWriter offline = new DeviceStatusWriter(device());
        assertEquals(Optional.of(json("{\"state\":\"offline\",\"lastOnlineTime\":\"\"}")),
                offline.putState(json("{\"device\":{\"state\":\"offline\"}}")));
        assertTrue(offline.modified());
    }
}

package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinMergeTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static Twin desired(String value, long cloudVersion) {
        return new Twin("temperature", "", TwinValue.at(value, 1), null, new TwinVersion(cloudVersion, 0),
                TwinVersion.NONE, true, json("{\"type\":\"int\"}"));
    }

    @Test
    void aMapperReportCountsTheEdgeVersionUpAndKeepsTheDesiredValue() throws TwinRejection {
        TwinMerge.Result r = TwinMerge.fromEdge(Map.of("temperature", desired("30", 3)),
                json("{\"temperature\":{\"actual\":{\"value\":\"25\"}}}"), 99);
        Twin t = r.twins().get("temperature");
        assertEquals("25", t.actual().value());
        assertEquals(99, t.actual().metadata().getJsonNumber("timestamp").longValue());
        assertEquals(new TwinVersion(0, 1), t.actualVersion());
        assertEquals("30", t.expected().value());
        assertTrue(t.differs(), "expected 30 and actual 25 make a delta");
        assertEquals("30", r.before().get("temperature").expected().value());
    }

    @Test
    void anUnknownTwinIsAddedWithItsType() throws TwinRejection {
        TwinMerge.Result r = TwinMerge.fromEdge(Map.of(),
                json("{\"humidity\":{\"actual\":{\"value\":\"0.5\"},\"metadata\":{\"type\":\"float\"}}}"), 1);
        assertEquals("float", r.twins().get("humidity").type());
        assertFalse(r.before().containsKey("humidity"));
    }

    @Test
    void aValueNotOfTheTwinsTypeIsABadRequest() {
        TwinRejection e = assertThrows(TwinRejection.class, () -> TwinMerge.fromEdge(
                Map.of("temperature", desired("30", 3)), json("{\"temperature\":{\"actual\":{\"value\":\"hot\"}}}"),
                1));
        assertEquals(400, e.code());
        assertTrue(e.reason().contains("hot"));
    }

    @Test
    void aStaleVersionIsAConflict() throws TwinRejection {
        TwinMerge.Result once = TwinMerge.fromEdge(Map.of(),
                json("{\"t\":{\"actual\":{\"value\":\"1\"}}}"), 1);
        TwinMerge.Result twice = TwinMerge.fromEdge(once.twins(), json("{\"t\":{\"actual\":{\"value\":\"2\"}}}"), 2);
        TwinRejection e = assertThrows(TwinRejection.class, () -> TwinMerge.fromEdge(twice.twins(),
                json("{\"t\":{\"actual\":{\"value\":\"3\"},\"actual_version\":{\"cloud\":0,\"edge\":1}}}"), 3));
        assertEquals(409, e.code());
    }

    @Test
    void aMalformedTwinIsABadRequest() {
        assertEquals(400, assertThrows(TwinRejection.class, () -> TwinMerge.fromEdge(Map.of(),
                json("{\"t\":\"25\"}"), 1)).code());
        assertEquals(400, assertThrows(TwinRejection.class, () -> TwinMerge.fromEdge(Map.of(),
                json("{\"t\":{\"actual\":{\"value\":25}}}"), 1)).code());
    }

    @Test
    void theCloudSetsDesiredValuesAndAnOlderCloudVersionIsIgnored() {
        Map<String, Twin> current = Map.of("temperature", desired("30", 5).withActual(TwinValue.at("25", 1),
                new TwinVersion(0, 2)));
        TwinMerge.Result newer = TwinMerge.fromCloud(current, json("{\"temperature\":{\"expected\":{\"value\":\"40\"},"
                + "\"expected_version\":{\"cloud\":6,\"edge\":0},\"metadata\":{\"type\":\"int\"}}}"), "d");
        assertEquals("40", newer.twins().get("temperature").expected().value());
        assertEquals("25", newer.twins().get("temperature").actual().value(), "reported values are kept");
        TwinMerge.Result older = TwinMerge.fromCloud(current, json("{\"temperature\":{\"expected\":{\"value\":\"10\"},"
                + "\"expected_version\":{\"cloud\":4,\"edge\":0}}}"), "d");
        assertFalse(older.changed());
        assertEquals("30", older.twins().get("temperature").expected().value());
    }

    @Test
    void theSameDesiredValueAgainChangesNothing() {
        Map<String, Twin> current = Map.of("temperature", desired("30", 5));
        TwinMerge.Result again = TwinMerge.fromCloud(current, json("{\"temperature\":{\"expected\":{\"value\":\"30\"},"
                + "\"expected_version\":{\"cloud\":5,\"edge\":0},\"metadata\":{\"type\":\"int\"}}}"), "d");
        assertFalse(again.changed());
    }

    @Test
    void aDeltaNamesOnlyTwinsWhoseActualDiffers() {
        Twin same = desired("1", 1).withActual(TwinValue.at("1", 1), TwinVersion.NONE);
        Twin differs = new Twin("b", "", TwinValue.at("2", 1), TwinValue.at("3", 1), TwinVersion.NONE,
                TwinVersion.NONE, true, json("{}"));
        JsonObject delta = TwinPayloads.delta("e", 1, Map.of("temperature", same, "b", differs));
        assertEquals(json("{\"b\":\"2\"}"), delta.getJsonObject("delta"));
        assertNull(TwinPayloads.delta("e", 1, Map.of("temperature", same)));
    }
}

package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.json;

import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinMergeTest {

    private static Twin desired(String value, long cloudVersion) {
        return new Twin("temperature", "", TwinValue.at(value, 1), null, new TwinVersion(cloudVersion, 0),
                TwinVersion.NONE, true, "int");
    }

    private static Map<String, TwinPatch> twins(String json) {
        return TwinRequests.twins(json(json));
    }

    @Test
    void aMapperReportCountsTheEdgeVersionUpStampsItNowAndKeepsTheDesiredValue() throws TwinRejection {
        TwinMerge.Result r = TwinMerge.fromEdge("d", Map.of("temperature", desired("30", 3)),
                twins("{\"temperature\":{\"actual\":{\"value\":\"25\",\"metadata\":{\"timestamp\":1}}}}"), 99);
        Twin t = r.twins().get("temperature");
        assertEquals(TwinValue.at("25", 99), t.actual(), "the request's timestamp is not kept");
        assertEquals(new TwinVersion(0, 1), t.actualVersion());
        assertEquals(TwinValue.at("30", 1), t.expected());
        assertTrue(t.differs(), "expected 30 and actual 25 make a delta");
        assertEquals(desired("30", 3), r.before().get("temperature"));
        assertEquals(json("{\"actual\":{\"value\":\"25\",\"metadata\":{\"timestamp\":99}},\"optional\":true,"
                + "\"metadata\":{\"type\":\"int\"}}"), r.reply().get("temperature"));
    }

    @Test
    void theOptionalFlagGoesFromTrueToFalseOnly() throws TwinRejection {
        TwinMerge.Result required = TwinMerge.fromEdge("d", Map.of("temperature", desired("30", 3)),
                twins("{\"temperature\":{\"optional\":false}}"), 1);
        assertFalse(required.twins().get("temperature").optional());
        assertEquals(json("{\"optional\":false}"), required.reply().get("temperature"));
        TwinMerge.Result back = TwinMerge.fromEdge("d", required.twins(),
                twins("{\"temperature\":{\"optional\":true}}"), 2);
        assertFalse(back.changed());
        assertFalse(back.twins().get("temperature").optional());
    }

    @Test
    void aValueOfTheWrongTypeIsABadRequestWithKubeEdgesReason() {
        Map<String, Twin> current = Map.of("temperature", desired("30", 3), "on", new Twin("on", "", null, null,
                TwinVersion.NONE, TwinVersion.NONE, true, "boolean"), "ratio", new Twin("ratio", "", null, null,
                TwinVersion.NONE, TwinVersion.NONE, true, "double"));
        assertEquals("the value is not int or integer", assertThrows(TwinRejection.class, () -> TwinMerge.fromEdge(
                "d", current, twins("{\"temperature\":{\"expected\":{\"value\":\"1.5\"}}}"), 1)).reason());
        assertEquals("the bool value must be true or false", assertThrows(TwinRejection.class,
                () -> TwinMerge.fromEdge("d", current, twins("{\"on\":{\"actual\":{\"value\":\"yes\"}}}"), 1))
                .reason());
        assertEquals("the value is not float", assertThrows(TwinRejection.class, () -> TwinMerge.fromEdge("d",
                current, twins("{\"ratio\":{\"actual\":{\"value\":\"1e400\"}}}"), 1)).reason());
    }

    @Test
    void theCloudSetsDesiredValuesAndAnOlderCloudVersionIsIgnored() {
        Map<String, Twin> current = Map.of("temperature", desired("30", 5).withActual(TwinValue.at("25", 1),
                new TwinVersion(0, 2)));
        TwinMerge.Result newer = TwinMerge.fromCloud("d", current, twins("{\"temperature\":{\"expected\":"
                + "{\"value\":\"40\"},\"expected_version\":{\"cloud\":6,\"edge\":0},\"metadata\":"
                + "{\"type\":\"float\"}}}"), 9);
        Twin t = newer.twins().get("temperature");
        assertEquals(TwinValue.at("40", 9), t.expected());
        assertEquals(new TwinVersion(6, 0), t.expectedVersion());
        assertEquals("25", t.actual().value(), "reported values are kept");
        assertEquals("int", t.type(), "a twin keeps its type");
        TwinMerge.Result older = TwinMerge.fromCloud("d", current, twins("{\"temperature\":{\"expected\":"
                + "{\"value\":\"10\"},\"expected_version\":{\"cloud\":4,\"edge\":0}}}"), 9);
        assertFalse(older.changed());
        assertFalse(older.dirty());
        assertEquals("30", older.twins().get("temperature").expected().value());
    }

    @Test
    void theSameDesiredValueAgainChangesNothingButItsVersion() {
        TwinMerge.Result again = TwinMerge.fromCloud("d", Map.of("temperature", desired("30", 5)),
                twins("{\"temperature\":{\"expected\":{\"value\":\"30\"},\"expected_version\":{\"cloud\":7,"
                        + "\"edge\":0}}}"), 9);
        assertFalse(again.changed());
        assertTrue(again.dirty());
        assertEquals(new TwinVersion(7, 0), again.twins().get("temperature").expectedVersion());
    }

    @Test
    void aDeletedTypeFromTheCloudRemovesTheTwinAndIsNeverStoredAsAType() {
        TwinMerge.Result r = TwinMerge.fromCloud("d", Map.of("temperature", desired("30", 5)),
                twins("{\"temperature\":{\"metadata\":{\"type\":\"deleted\"}},\"gone\":{\"metadata\":"
                        + "{\"type\":\"deleted\"}}}"), 9);
        assertEquals(Map.of(), r.twins());
        assertTrue(r.after().containsKey("temperature"));
        assertNull(r.after().get("temperature"));
        assertEquals(JsonValue.NULL, r.reply().get("temperature"));
    }

    @Test
    void aNewTwinFromTheCloudWithABadValueIsNotAdded() {
        TwinMerge.Result r = TwinMerge.fromCloud("d", Map.of(), twins("{\"t\":{\"expected\":{\"value\":\"hot\"},"
                + "\"metadata\":{\"type\":\"int\"}},\"u\":{\"metadata\":{\"type\":\"mystery\"}},"
                + "\"s\":{\"expected\":{\"value\":\"hot\"}}}"), 9);
        assertEquals(List.of("s"), List.copyOf(r.twins().keySet()));
        assertEquals("string", r.twins().get("s").type());
    }

    @Test
    void twoMergesInARowAreOne() {
        TwinMerge.Result first = TwinMerge.fromCloud("d", Map.of(), twins("{\"t\":{\"expected\":{\"value\":\"1\"}}}"),
                1);
        TwinMerge.Result both = first.then(TwinMerge.fromCloud("d", first.twins(),
                twins("{\"t\":{\"expected\":{\"value\":\"2\"}}}"), 2));
        assertFalse(both.before().containsKey("t"), "new in the first, so new in both");
        assertEquals("2", both.after().get("t").expected().value());
    }

    @Test
    void aDeltaListsTwinsWithADesiredValueAndNamesThoseWhoseReportDiffers() {
        Twin same = desired("1", 1).withActual(TwinValue.at("1", 1), TwinVersion.NONE);
        Twin differs = new Twin("b", "", TwinValue.at("2", 1), TwinValue.at("3", 1), TwinVersion.NONE,
                TwinVersion.NONE, true, "");
        Twin emptyDesired = new Twin("c", "", TwinValue.at("", 1), TwinValue.at("3", 1), TwinVersion.NONE,
                TwinVersion.NONE, true, "");
        Map<String, Twin> all = new HashMap<>(Map.of("temperature", same, "b", differs, "c", emptyDesired));
        var delta = TwinPayloads.delta(1, all.values());
        assertEquals(json("{\"b\":\"2\"}"), delta.getJsonObject("delta"));
        assertEquals(List.of("b", "temperature"), List.copyOf(delta.getJsonObject("twin").keySet()));
        assertNull(TwinPayloads.delta(1, List.of(same)));
    }
}

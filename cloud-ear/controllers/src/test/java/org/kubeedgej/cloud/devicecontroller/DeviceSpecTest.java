package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void v1alpha1SelectsTheNodeAndKeepsDesiredValuesInStatus() {
        DeviceSpec spec = DeviceSpec.of(json("{\"metadata\":{\"name\":\"sensor-tag01\",\"namespace\":\"default\","
                + "\"uid\":\"u1\"},\"spec\":{\"deviceModelRef\":{\"name\":\"cc2650\"},\"nodeSelector\":"
                + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"\",\"operator\":\"In\","
                + "\"values\":[\"edge-node\"]}]}]}},\"status\":{\"twins\":[{\"propertyName\":\"temperature-enable\","
                + "\"desired\":{\"value\":\"OFF\"}}]}}"));
        assertEquals("edge-node", spec.nodeName());
        assertEquals("cc2650", spec.model());
        assertEquals("default/sensor-tag01", spec.deviceId());
        assertEquals(Map.of("temperature-enable", "OFF"), spec.desired());
    }

    @Test
    void v1beta1NamesTheNodeAndKeepsDesiredValuesInProperties() {
        DeviceSpec spec = DeviceSpec.of(json("{\"metadata\":{\"name\":\"beta\",\"namespace\":\"ns1\"},\"spec\":"
                + "{\"nodeName\":\"n2\",\"properties\":[{\"name\":\"temp\",\"desired\":{\"value\":\"20\"}},"
                + "{\"name\":\"nodesired\"}]}}"));
        assertEquals("n2", spec.nodeName());
        assertEquals(Map.of("temp", "20"), spec.desired());
        assertEquals("", DeviceSpec.of(json("{\"metadata\":{\"name\":\"x\"}}")).nodeName());
    }

    @Test
    void modelPropertyTypesFromBothVersions() {
        assertEquals(Map.of("temperature", "int", "enable", "string"), DeviceSpec.propertyTypes(json(
                "{\"spec\":{\"properties\":[{\"name\":\"temperature\",\"type\":{\"int\":{\"accessMode\":\"ReadOnly\"}}},"
                + "{\"name\":\"enable\",\"type\":{\"string\":{}}}]}}")));
        assertEquals(Map.of("temp", "float"), DeviceSpec.propertyTypes(json(
                "{\"spec\":{\"properties\":[{\"name\":\"temp\",\"type\":\"FLOAT\"}]}}")));
    }

    @Test
    void upstreamResourcesInBothIdForms() {
        DeviceUpstreamResource r = DeviceUpstreamResource.parse("node/n1/device/ns1/sensor.tag-01/twin/edge_updated")
                .orElseThrow();
        assertEquals("ns1/sensor.tag-01", r.deviceId());
        assertEquals(DeviceUpstreamResource.TWIN, r.kind());
        assertEquals("default/d1", DeviceUpstreamResource.parse("node/n1/device/d1/state").orElseThrow().deviceId());
        assertEquals(DeviceUpstreamResource.STATE,
                DeviceUpstreamResource.parse("node/n1/device/ns/d/state/update").orElseThrow().kind());
        assertTrue(DeviceUpstreamResource.parse("node/n1/default/pod/p").isEmpty());
        assertTrue(DeviceUpstreamResource.parse("node/n1/device/a/b/c/twin/edge_updated").isEmpty());
    }

    @Test
    void reportedValuesAndStateAreWrittenWithoutTouchingDesired() {
        Map<String, Object> desiredTwin = new LinkedHashMap<>(Map.of("propertyName", "temperature",
                "desired", Map.of("value", "30")));
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("status", new LinkedHashMap<>(Map.of("twins", new ArrayList<>(List.of(desiredTwin)))));
        DeviceStatusWriter writer = new DeviceStatusWriter(device);
        JsonObject written = writer.putReported(json("{\"temperature\":{\"actual\":{\"value\":\"25\",\"metadata\":"
                + "{\"timestamp\":7}},\"metadata\":{\"type\":\"int\"}},\"humidity\":{\"actual\":{\"value\":\"40\"}},"
                + "\"nothing\":{\"expected\":{\"value\":\"1\"}}}"));
        assertEquals(json("{\"temperature\":\"25\",\"humidity\":\"40\"}"), written);
        assertEquals(Map.of("value", "25", "metadata", Map.of("timestamp", "7", "type", "int")),
                desiredTwin.get("reported"));
        assertEquals(Map.of("value", "30"), desiredTwin.get("desired"));
        writer.putState(json("{\"device\":{\"state\":\"online\",\"last_online\":\"2026-11-28 07:00:00\"}}"));
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) device.get("status");
        assertEquals("online", status.get("state"));
        assertEquals("2026-11-28 07:00:00", status.get("lastOnlineTime"));
        assertEquals(2, ((List<?>) status.get("twins")).size());
    }
}

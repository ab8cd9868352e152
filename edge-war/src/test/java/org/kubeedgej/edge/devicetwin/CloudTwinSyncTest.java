package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.NODE;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.SENSOR;
import static org.kubeedgej.edge.devicetwin.DeviceTwinFixture.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.metamanager.StoredObjectEvent;
import org.kubeedgej.shared.model.Message;

/**
 * What the cloud sends for devices, as KubeEdge's edge takes it: membership (older clouds and ours, with twins;
 * KubeEdge v1.22's, without) and cloud_updated in group twin, and v1.22's Device object in group resource.
 */
final class CloudTwinSyncTest {

    private static final String UPDATED = "$hw/events/node/" + NODE + "/membership/updated";
    private static final String MODEL = "{\"metadata\":{\"name\":\"sensor-model\",\"namespace\":\"default\"},"
            + "\"spec\":{\"properties\":[{\"name\":\"temperature\",\"type\":\"INT\"}]}}";

    private DeviceTwinFixture underTest;

    @BeforeEach
    void setUp() {
        underTest = new DeviceTwinFixture();
    }

    private boolean twinMessage(String resource, String content) {
        return underTest.cloud.apply(Message.newRequest("devicecontroller", "twin", "update", resource,
                json(content)));
    }

    private static String device(String resourceVersion, String desired) {
        return "{\"apiVersion\":\"devices.kubeedge.io/v1beta1\",\"kind\":\"Device\",\"metadata\":{\"name\":\"sensor\","
                + "\"namespace\":\"default\",\"resourceVersion\":\"" + resourceVersion + "\"},\"spec\":"
                + "{\"deviceModelRef\":{\"name\":\"sensor-model\"},\"nodeName\":\"" + NODE + "\",\"properties\":"
                + "[{\"name\":\"temperature\",\"desired\":{\"value\":\"" + desired + "\"}},{\"name\":\"mode\"}]}}";
    }

    private void deviceObject(String operation, String content) {
        underTest.metaTable.put("default/device/sensor", content);
        underTest.deviceObjects.onStored(new StoredObjectEvent(Message.newRequest("devicecontroller", "resource",
                operation, "default/device/sensor", json(content))));
    }

    @Test
    void eachJoiningDeviceIsAnnouncedAloneWithANewEventIdAndNoVersions() {
        assertTrue(twinMessage("membership", "{\"event_id\":\"c1\",\"timestamp\":1,\"added_devices\":["
                + "{\"id\":\"default/a\",\"name\":\"a\",\"state\":\"unknown\",\"twin\":{\"t\":{\"expected\":"
                + "{\"value\":\"1\",\"metadata\":{\"timestamp\":1}},\"expected_version\":{\"cloud\":4,\"edge\":0},"
                + "\"optional\":true,\"metadata\":{\"type\":\"int\"}}}},{\"id\":\"default/b\",\"name\":\"b\"}],"
                + "\"removed_devices\":[]}"));
        List<JsonObject> announced = underTest.on(UPDATED);
        assertEquals(2, announced.size());
        JsonObject a = announced.get(0);
        assertNotEquals("c1", a.getString("event_id"));
        assertNotEquals(a.getString("event_id"), announced.get(1).getString("event_id"));
        assertEquals(json("{\"event_id\":\"" + a.getString("event_id") + "\",\"timestamp\":"
                + a.getJsonNumber("timestamp") + ",\"added_devices\":[{\"id\":\"default/a\",\"name\":\"a\","
                + "\"state\":\"unknown\",\"twin\":{\"t\":{\"expected\":{\"value\":\"1\",\"metadata\":"
                + "{\"timestamp\":1}},\"optional\":true,\"metadata\":{\"type\":\"int\"}}}}],"
                + "\"removed_devices\":null}"), a);
        assertEquals("", underTest.rows.get("default/b").state(), "no state until one is sent");
        assertEquals(new TwinVersion(4, 0), underTest.rows.get("default/a").twins().get("t").expectedVersion());
        assertEquals("1", underTest.only("$hw/events/device/default/a/twin/update/delta").getJsonObject("delta")
                .getString("t"));
        assertEquals("", underTest.only("$hw/events/device/default/a/twin/update/document").getString("event_id"),
                "KubeEdge's membership twins carry no event id");
    }

    @Test
    void aDeviceHeldAlreadyIsNotAnnouncedAgainAndItsAttributeChangesAreTold() {
        twinMessage("membership", "{\"added_devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\","
                + "\"attributes\":{\"vendor\":{\"value\":\"acme\"},\"old\":{\"value\":\"x\"}}}]}");
        underTest.published.clear();
        twinMessage("membership", "{\"added_devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\","
                + "\"attributes\":{\"vendor\":{\"value\":\"other\"},\"new\":{\"value\":\"y\"}}}]}");
        assertTrue(underTest.on(UPDATED).isEmpty());
        JsonObject updated = underTest.only(SENSOR + "updated");
        assertEquals(json("{\"event_id\":\"\",\"timestamp\":" + updated.getJsonNumber("timestamp") + ",\"attributes\":"
                + "{\"new\":{\"value\":\"y\",\"optional\":true,\"metadata\":{\"type\":\"string\"}},\"old\":null,"
                + "\"vendor\":{\"value\":\"other\"}}}"), updated);
    }

    @Test
    void aLeavingDeviceIsAnnouncedAsRemoved() {
        twinMessage("membership", "{\"added_devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\"}]}");
        underTest.published.clear();
        twinMessage("membership", "{\"removed_devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\"},"
                + "{\"id\":\"default/never\"}]}");
        JsonObject removed = underTest.only(UPDATED);
        assertEquals(json("{\"event_id\":\"" + removed.getString("event_id") + "\",\"timestamp\":"
                + removed.getJsonNumber("timestamp") + ",\"added_devices\":null,\"removed_devices\":[{\"id\":"
                + "\"default/sensor\",\"name\":\"sensor\"}]}"), removed);
        assertFalse(underTest.rows.containsKey("default/sensor"));
    }

    @Test
    void cloudUpdatedSetsDesiredValuesAndIsDroppedWholeForABadTwinName() {
        twinMessage("membership", "{\"added_devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\"}]}");
        underTest.published.clear();
        assertTrue(twinMessage("device/default/sensor/twin/cloud_updated", "{\"event_id\":\"c2\",\"twin\":"
                + "{\"bad key!\":{\"expected\":{\"value\":\"1\"}},\"t\":{\"expected\":{\"value\":\"1\"}}}}"));
        assertEquals(List.of(), underTest.published);
        assertTrue(twinMessage("device/default/sensor/twin/cloud_updated", "{\"event_id\":\"c3\",\"twin\":"
                + "{\"t\":{\"expected\":{\"value\":\"1\"},\"expected_version\":{\"cloud\":2,\"edge\":0}}}}"));
        assertEquals("c3", underTest.only(SENSOR + "twin/update/document").getString("event_id"));
        assertTrue(underTest.on(SENSOR + "twin/update/result").isEmpty(), "the cloud gets no result");
        assertEquals("1", underTest.rows.get("default/sensor").twins().get("t").expected().value());
    }

    @Test
    void aDesiredValueInTheDeviceObjectReachesTheTwinAndTheMapper() {
        underTest.metaTable.put("default/devicemodel/sensor-model", MODEL);
        twinMessage("membership", "{\"added_devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\"}]}");
        underTest.published.clear();
        deviceObject("update", device("12", "40"));
        Twin t = underTest.rows.get("default/sensor").twins().get("temperature");
        assertEquals("40", t.expected().value());
        assertEquals(new TwinVersion(12, 0), t.expectedVersion());
        assertEquals("int", t.type(), "the DeviceModel's type");
        JsonObject delta = underTest.only(SENSOR + "twin/update/delta");
        assertEquals(json("{\"temperature\":\"40\"}"), delta.getJsonObject("delta"));
        JsonObject document = underTest.only(SENSOR + "twin/update/document");
        assertEquals(JsonValue.NULL, document.getJsonObject("twin").getJsonObject("temperature").get("last"),
                "a new twin");
        assertEquals("40", document.getJsonObject("twin").getJsonObject("temperature").getJsonObject("current")
                .getJsonObject("expected").getString("value"));

        underTest.published.clear();
        deviceObject("update", device("11", "10"));
        assertEquals("40", underTest.rows.get("default/sensor").twins().get("temperature").expected().value(),
                "an older Device object does not undo a newer desired value");
        assertTrue(underTest.on(SENSOR + "twin/update/document").isEmpty());
    }

    @Test
    void aDeviceObjectBeforeTheMembershipMakesTheDeviceJoinOnceWithItsDesiredValues() {
        underTest.metaTable.put("default/devicemodel/sensor-model", MODEL);
        deviceObject("insert", device("12", "40"));
        assertEquals("40", underTest.rows.get("default/sensor").twins().get("temperature").expected().value());
        assertEquals("int", underTest.rows.get("default/sensor").twins().get("temperature").type(), "model's type");
        assertEquals(json("{\"temperature\":\"40\"}"), underTest.only(SENSOR + "twin/update/delta")
                .getJsonObject("delta"));
        twinMessage("membership", "{\"added_devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\"}]}");
        assertEquals("40", underTest.rows.get("default/sensor").twins().get("temperature").expected().value());
        assertEquals(1, underTest.on(UPDATED).size(), "the later membership list does not announce it again");
    }

    @Test
    void aDesiredValuesOwnTypeComesBeforeTheModels() {
        underTest.metaTable.put("default/devicemodel/sensor-model", MODEL);
        twinMessage("membership", "{\"added_devices\":[{\"id\":\"default/sensor\",\"name\":\"sensor\"}]}");
        deviceObject("update", device("5", "1.5").replace("\"1.5\"}", "\"1.5\",\"metadata\":{\"type\":\"FLOAT\"}}"));
        Twin t = underTest.rows.get("default/sensor").twins().get("temperature");
        assertEquals("float", t.type());
        assertEquals("1.5", t.expected().value());
    }

    @Test
    void theDeviceObjectAloneMakesAndEndsAMembership() {
        // The membership list is sent once, unacknowledged (KubeEdge's noAckRequired); the object is reliable.
        deviceObject("insert", device("3", "40"));
        assertTrue(underTest.rows.containsKey("default/sensor"));
        assertEquals("40", underTest.rows.get("default/sensor").twins().get("temperature").expected().value());
        assertTrue(underTest.published.stream().anyMatch(p -> p.topic().equals(UPDATED)));
        underTest.published.clear();
        deviceObject("delete", device("4", "40"));
        assertFalse(underTest.rows.containsKey("default/sensor"));
        assertTrue(underTest.published.stream().anyMatch(p -> p.topic().equals(UPDATED)), "leaving is announced");
    }
}

package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** Event ids: the same change always gets the same id, any other change another one. */
final class DeviceEventTest {

    @Test
    void theSameChangeGetsTheSameId() {
        assertEquals(DeviceEvent.idOf(DeviceEvent.TWIN_REPORTED, "u1", "42"),
                DeviceEvent.idOf(DeviceEvent.TWIN_REPORTED, "u1", "42"));
        assertEquals(DeviceEvent.membership("n1", "default/d", true, "u1", "7"),
                DeviceEvent.membership("n1", "default/d", true, "u1", "7"));
        assertEquals(32, DeviceEvent.idOf("x").length());
    }

    @Test
    void anotherChangeGetsAnotherId() {
        String id = DeviceEvent.idOf(DeviceEvent.TWIN_REPORTED, "u1", "42");
        assertNotEquals(id, DeviceEvent.idOf(DeviceEvent.TWIN_REPORTED, "u1", "43"), "a later write");
        assertNotEquals(id, DeviceEvent.idOf(DeviceEvent.STATE_CHANGED, "u1", "42"), "another kind");
        assertNotEquals(id, DeviceEvent.idOf(DeviceEvent.TWIN_REPORTED, "u2", "42"), "another device");
        assertNotEquals(DeviceEvent.idOf("a", "bc"), DeviceEvent.idOf("ab", "c"), "parts are separated");
        assertNotEquals(DeviceEvent.membership("n1", "default/d", true, "u1", "7").eventId(),
                DeviceEvent.membership("n1", "default/d", false, "u1", "7").eventId());
        assertNotEquals(DeviceEvent.membership("n1", "default/d", true, "u1", "7").eventId(),
                DeviceEvent.membership("n2", "default/d", true, "u1", "7").eventId());
    }

    @Test
    void toJsonCarriesTheEventId() {
        DeviceEvent underTest = new DeviceEvent(DeviceEvent.TWIN_REPORTED, "n1", "default/d",
                Json.createObjectBuilder().build(), "abc");
        assertEquals(Json.createReader(new java.io.StringReader("{\"eventId\":\"abc\",\"type\":\"twin-reported\","
                + "\"node\":\"n1\",\"device\":{\"namespace\":\"default\",\"name\":\"d\"},\"timestamp\":5,"
                + "\"data\":{}}")).readObject(), underTest.toJson(5));
    }

    @Test
    void tryToCreateAnEventWithoutId() {
        assertThrows(NullPointerException.class, () -> new DeviceEvent(DeviceEvent.UPLOAD, "n1", "t",
                Json.createObjectBuilder().build(), null));
    }
}

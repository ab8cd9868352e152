package org.kubeedgej.edge.eventbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {

    @Test
    void bothDeviceIdFormsAreUnderstood() {
        assertEquals(Optional.of(new MqttTopics.DeviceTopic("default/sensor.tag-01", "twin/update")),
                MqttTopics.parseDevice("$hw/events/device/default/sensor.tag-01/twin/update"));
        assertEquals(Optional.of(new MqttTopics.DeviceTopic("dev1", "state/update")),
                MqttTopics.parseDevice("$hw/events/device/dev1/state/update"));
        assertEquals("$hw/events/device/dev1/twin/get/result",
                MqttTopics.parseDevice("$hw/events/device/dev1/twin/get").orElseThrow().reply("result"));
    }

    @Test
    void topicsOutsideTheSchemeAreNotDeviceRequests() {
        assertFalse(MqttTopics.parseDevice("$hw/events/device/dev1/twin/update/result").isPresent());
        assertFalse(MqttTopics.parseDevice("$hw/events/device/a/b/c/twin/update").isPresent());
        assertFalse(MqttTopics.parseDevice("$hw/events/device//twin/update").isPresent());
        assertFalse(MqttTopics.parseDevice("other/topic").isPresent());
    }

    @Test
    void membershipAndUploadTopics() {
        assertEquals(Optional.of("edge-node"), MqttTopics.parseMembershipGet("$hw/events/node/edge-node/membership/get"));
        assertFalse(MqttTopics.parseMembershipGet("$hw/events/node/a/b/membership/get").isPresent());
        assertTrue(MqttTopics.isUpload("$hw/events/upload/temp"));
        assertTrue(MqttTopics.isUpload("SYS/dis/upload_records"));
        assertFalse(MqttTopics.isUpload("$hw/events/device/d/twin/update"));
    }

    @Test
    void requestsAreTheCommandTopics() {
        assertTrue(MqttTopics.isRequest("$hw/events/device/default/dev1/twin/update"));
        assertTrue(MqttTopics.isRequest("$hw/events/device/dev1/twin/get"));
        assertTrue(MqttTopics.isRequest("$hw/events/device/default/dev1/state/update"));
        assertTrue(MqttTopics.isRequest("$hw/events/node/edge-1/membership/get"));
        assertFalse(MqttTopics.isRequest("$hw/events/device/default/dev1/twin/update/result"));
        assertFalse(MqttTopics.isRequest("$hw/events/upload/x"));
        assertFalse(MqttTopics.isRequest("sensors/twin/update"));
    }
}

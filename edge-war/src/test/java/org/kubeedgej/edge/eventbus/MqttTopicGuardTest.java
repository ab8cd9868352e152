package org.kubeedgej.edge.eventbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttTopicGuardTest {

    @Test
    void kubeEdgeTopicsPass() {
        assertEquals(Optional.empty(), MqttTopicGuard.problem("$hw/events/device/default/sensor-1/twin/update"));
        assertEquals(Optional.empty(), MqttTopicGuard.problem("capteur/température/東京"));
    }

    @Test
    void topicsMqttForbidsAreNamed() {
        assertTrue(MqttTopicGuard.problem("$hw/events/device/a\u0000b/twin/update").orElseThrow().contains("U+0000"));
        assertTrue(MqttTopicGuard.problem("a\u001fb").orElseThrow().contains("U+001F"));
        assertTrue(MqttTopicGuard.problem("a\u0085b").orElseThrow().contains("U+0085"));
        assertTrue(MqttTopicGuard.problem("a\uffffb").isPresent());
        assertTrue(MqttTopicGuard.problem("a\ud800b").orElseThrow().contains("lone surrogate"));
        assertTrue(MqttTopicGuard.problem("a\udc00").orElseThrow().contains("lone surrogate"));
    }

    @Test
    void whatPahosReaderRefusesIsRefused() {
        // A broker turns ill-formed UTF-8 (ED A0 80, an encoded surrogate) into U+FFFD; Paho's reader died on it.
        assertTrue(MqttTopicGuard.problem("$hw/events/device/\ufffd/twin/update").isPresent());
        assertTrue(MqttTopicGuard.problem("capteur/😀").isPresent(), "Paho 1.2.5 cannot read characters outside the BMP");
        assertTrue(MqttTopicGuard.problem("x".repeat(65_536)).isPresent());
        assertEquals(Optional.empty(), MqttTopicGuard.problem("x".repeat(1000)));
    }
}

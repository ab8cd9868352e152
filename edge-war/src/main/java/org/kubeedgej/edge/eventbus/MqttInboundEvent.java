package org.kubeedgej.edge.eventbus;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An MQTT message EventBus received on one of KubeEdge's device or node topics, for DeviceTwin.
 *
 * @param topic the MQTT topic, e.g. {@code $hw/events/device/default/sensor-1/twin/update}
 * @param payload the payload as published
 * @param receivedNanos when EventBus got it ({@code System.nanoTime()})
 */
public record MqttInboundEvent(String topic, byte[] payload, long receivedNanos) {

    /** Checks both parts are present. */
    public MqttInboundEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }

    /** A message received now (receivedNanos is System.nanoTime(), for DeviceTwin's latency). */
    public MqttInboundEvent(String topic, byte[] payload) {
        this(topic, payload, System.nanoTime());
    }

    /** @return the payload as UTF-8 text */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}

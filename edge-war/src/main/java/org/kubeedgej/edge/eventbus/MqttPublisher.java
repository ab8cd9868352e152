package org.kubeedgej.edge.eventbus;

/** Publishes to the node's MQTT broker(s): how DeviceTwin answers devices and mappers. */
public interface MqttPublisher {

    /**
     * Publishes with the configured QoS and retain flag; while no broker is reachable the message is dropped with a
     * log line (MQTT devices re-ask; cloud-bound state is kept in the edge database, not here).
     *
     * @param topic the topic
     * @param payload the payload
     * @return whether at least one broker took it
     */
    boolean publish(String topic, byte[] payload);
}

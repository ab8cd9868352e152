/**
 * EventBus: MQTT for devices and edge apps, as KubeEdge's eventbus. An Apache ActiveMQ Artemis broker embedded in
 * EdgeCore speaks MQTT ({@code mqttMode} 0: internal only, 1: internal and external, 2: external only), and
 * EventBus's own Paho clients subscribe KubeEdge's topics ({@code $hw/events/...}, {@code SYS/dis/upload_records})
 * and hand what arrives to DeviceTwin (as {@link org.kubeedgej.edge.eventbus.MqttInboundEvent}) or to the cloud.
 * Other modules publish through {@link org.kubeedgej.edge.eventbus.MqttPublisher}.
 */
package org.kubeedgej.edge.eventbus;

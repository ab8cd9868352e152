package org.kubeedgej.edge.eventbus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

/**
 * Where an MQTT message on a subscribed topic goes, as in KubeEdge's eventbus handler: device and node topics to
 * DeviceTwin (a synchronous {@link MqttInboundEvent}, so a device's requests are handled in order), upload topics
 * to the cloud as an {@code upload} message whose resource is the topic.
 */
@ApplicationScoped
public class EventBusRouter {

    private static final Logger LOG = Logger.getLogger(EventBusRouter.class.getName());

    @Inject
    Event<MqttInboundEvent> inbound;

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    EventBusConfig config;

    /** MQTT messages routed since start, for /metrics. */
    private final java.util.concurrent.atomic.AtomicLong routed = new java.util.concurrent.atomic.AtomicLong();

    /** @return MQTT messages EventBus routed (to DeviceTwin or the cloud) since start */
    public long routed() {
        return routed.get();
    }

    void route(String topic, byte[] payload) {
        routed.incrementAndGet();
        if (MqttTopics.isUpload(topic)) {
            if (payload.length > config.maxPayloadBytes()) {
                LOG.warning(() -> "EventBus refused an upload of " + payload.length + " bytes on " + topic
                        + ": over modules.eventBus.maxPayloadBytes (" + config.maxPayloadBytes() + ")");
                return;
            }
            edgeHub.send(Message.newRequest(Groups.BUS, Groups.USER, Operations.UPLOAD, topic,
                    Message.textContent(new String(payload, StandardCharsets.UTF_8))));
            LOG.fine(() -> "EventBus sent an upload on " + topic + " to the cloud");
            return;
        }
        inbound.fire(new MqttInboundEvent(topic, payload));
    }
}

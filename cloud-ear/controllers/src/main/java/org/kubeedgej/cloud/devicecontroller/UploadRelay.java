package org.kubeedgej.cloud.devicecontroller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * Data an edge uploaded, from EventBus ({@code $hw/events/upload/#}, {@code SYS/dis/upload_records}) or from an
 * edge app through ServiceBus (resource = its allow-listed target URL); KubeEdge's router rules would take it
 * further. Published as an {@code upload} device event with the topic or URL and the payload, so enterprise
 * consumers receive it on the device events topic. Its event id comes from the edge message's id, so an edge
 * message delivered twice is one event.
 */
@ApplicationScoped
public class UploadRelay {

    private static final Logger LOG = Logger.getLogger(UploadRelay.class.getName());

    @Inject
    Event<DeviceEvent> events;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        String source = event.message().route().source();
        if (!Operations.UPLOAD.equals(event.message().route().operation())
                || !(Groups.BUS.equals(source) || Groups.SERVICEBUS.equals(source))) {
            return;
        }
        event.take();
        String topic = ResourcePath.trimNodePrefix(event.message().route().resource());
        JsonValue content = event.message().content();
        String payload = content instanceof JsonString s ? s.getString() : content.toString();
        events.fire(new DeviceEvent(DeviceEvent.UPLOAD, event.nodeId(), topic,
                Json.createObjectBuilder().add("payload", payload).build(),
                DeviceEvent.idOf(DeviceEvent.UPLOAD, event.nodeId(), event.message().header().id())));
        LOG.fine(() -> "upload on " + topic + " from edge node " + event.nodeId() + " published as a device event");
    }
}

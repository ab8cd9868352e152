package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.kubeedgej.edge.eventbus.MqttPublisher;
import org.kubeedgej.edge.eventbus.MqttTopics;

/**
 * Tells mappers what a twin merge did, as KubeEdge does after each one (mapper's or cloud's): the device's
 * {@code twin/update/document} when a twin changed, then {@code twin/update/delta} whenever a desired value differs
 * from the reported one, changed now or not.
 */
@ApplicationScoped
public class TwinChanges {

    static final String DOCUMENT = "twin/update/document";
    static final String DELTA = "twin/update/delta";

    @Inject
    MqttPublisher mqtt;

    /**
     * @param deviceId the device, as its topics name it
     * @param merge what the merge did
     * @param eventId the request's event id for the document ("" for what the cloud's membership brought)
     * @param now the time of the merge
     */
    void publish(String deviceId, TwinMerge.Result merge, String eventId, long now) {
        if (merge.changed()) {
            mqtt.publish(MqttTopics.device(deviceId, DOCUMENT),
                    TwinPayloads.bytes(TwinPayloads.document(eventId, now, merge)));
        }
        JsonObject delta = TwinPayloads.delta(now, merge.twins().values());
        if (delta != null) {
            mqtt.publish(MqttTopics.device(deviceId, DELTA), TwinPayloads.bytes(delta));
        }
    }
}

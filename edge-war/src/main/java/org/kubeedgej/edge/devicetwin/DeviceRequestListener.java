package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.eventbus.EventBusConfig;
import org.kubeedgej.edge.eventbus.MqttInboundEvent;
import org.kubeedgej.edge.eventbus.MqttPublisher;
import org.kubeedgej.edge.eventbus.MqttTopics;

/**
 * Answers mappers and device apps on KubeEdge's topics: twin/update (result, document, delta; reported values to
 * the cloud), twin/get (get/result), state/update (state/update/result; state to the cloud) and the node's
 * membership/get (membership/get/result). Every request gets a result: malformed JSON 400, unknown device 404,
 * stale version 409, storage failure 500. Topics outside the scheme are logged and ignored.
 */
@ApplicationScoped
public class DeviceRequestListener {

    private static final Logger LOG = Logger.getLogger(DeviceRequestListener.class.getName());
    /** KubeEdge's device states; online and ok also mean "seen now" (last_online). */
    private static final Set<String> STATES = Set.of("online", "offline", "ok", "unknown", "unhealthy");
    private static final Set<String> SEEN = Set.of("online", "ok");

    @Inject
    DeviceStore store;

    @Inject
    MqttPublisher mqtt;

    @Inject
    TwinCloudReporter cloud;

    @Inject
    EventBusConfig config;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    void onMqtt(@Observes MqttInboundEvent event) {
        Optional<MqttTopics.DeviceTopic> device = MqttTopics.parseDevice(event.topic());
        if (device.isPresent()) {
            MqttTopics.DeviceTopic topic = device.get();
            String replyTopic = topic.reply("result");
            String eventId = "";
            long now = System.currentTimeMillis();
            try {
                JsonObject request = parse(event);
                eventId = request.getString(TwinPayloads.EVENT_ID, "");
                switch (topic.action()) {
                    case MqttTopics.TWIN_UPDATE -> twinUpdate(topic, request, eventId, now);
                    case MqttTopics.TWIN_GET -> twinGet(topic, eventId, now);
                    default -> stateUpdate(topic, request, eventId, now);
                }
            } catch (TwinRejection rejection) {
                String id = eventId;
                LOG.warning(() -> topic.action() + " of device " + topic.deviceId() + " on node " + nodeName
                        + " refused (" + rejection.code() + "): " + rejection.reason());
                mqtt.publish(replyTopic, TwinPayloads.bytes(TwinPayloads.failure(id, now, rejection)));
            }
            return;
        }
        Optional<String> membershipNode = MqttTopics.parseMembershipGet(event.topic());
        if (membershipNode.isPresent()) {
            membershipGet(membershipNode.get(), event);
            return;
        }
        LOG.warning(() -> "EventBus got a message on " + event.topic() + ", which is outside KubeEdge's device"
                + " topics (…/twin/update, …/twin/get, …/state/update, $hw/events/node/<node>/membership/get);"
                + " ignored");
    }

    private JsonObject parse(MqttInboundEvent event) throws TwinRejection {
        if (event.payload().length > config.maxPayloadBytes()) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, "payload of " + event.payload().length
                    + " bytes is over the limit of " + config.maxPayloadBytes() + " (modules.eventBus.maxPayloadBytes)");
        }
        if (event.payload().length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(event.text()))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new TwinRejection(TwinRejection.BAD_REQUEST, "the request must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, "the request is not valid JSON: " + e.getMessage());
        }
    }

    private DeviceRecord device(MqttTopics.DeviceTopic topic) throws TwinRejection {
        return store.find(topic.deviceId()).orElseThrow(() -> new TwinRejection(TwinRejection.NOT_FOUND,
                "device " + topic.deviceId() + " is not a member of node " + nodeName));
    }

    private void twinUpdate(MqttTopics.DeviceTopic topic, JsonObject request, String eventId, long now)
            throws TwinRejection {
        JsonValue twin = request.get(TwinPayloads.TWIN);
        if (twin == null || twin.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, "the request has no \"twin\" object");
        }
        DeviceRecord device = device(topic);
        TwinMerge.Result merge = TwinMerge.fromEdge(device.twins(), twin.asJsonObject(), now);
        DeviceRecord updated = device.withTwins(merge.twins());
        save(updated);
        mqtt.publish(topic.reply("result"), TwinPayloads.bytes(TwinPayloads.updateResult(eventId, now,
                merge.after())));
        mqtt.publish(topic.reply("document"), TwinPayloads.bytes(TwinPayloads.document(eventId, now, merge)));
        JsonObject delta = TwinPayloads.delta(eventId, now, updated.twins());
        if (delta != null) {
            mqtt.publish(topic.reply("delta"), TwinPayloads.bytes(delta));
        }
        cloud.reportTwins(updated, now);
        LOG.fine(() -> "twins " + merge.after().keySet() + " of device " + updated.id() + " updated by its mapper");
    }

    private void twinGet(MqttTopics.DeviceTopic topic, String eventId, long now) throws TwinRejection {
        DeviceRecord device = device(topic);
        mqtt.publish(topic.reply("result"), TwinPayloads.bytes(TwinPayloads.getResult(eventId, now, device)));
    }

    private void stateUpdate(MqttTopics.DeviceTopic topic, JsonObject request, String eventId, long now)
            throws TwinRejection {
        String state = request.getString("state", request.getString("State", "")).toLowerCase(java.util.Locale.ROOT);
        if (!STATES.contains(state)) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, "state must be one of " + STATES + ", got '" + state
                    + "'");
        }
        DeviceRecord device = device(topic);
        DeviceRecord updated = device.withState(state, SEEN.contains(state) ? LastOnline.format(now) : "");
        save(updated);
        mqtt.publish(topic.reply("result"), TwinPayloads.bytes(TwinPayloads.state(eventId, now, updated)));
        cloud.reportState(updated, now);
        LOG.info(() -> "device " + updated.id() + " on node " + nodeName + " is " + state);
    }

    private void membershipGet(String node, MqttInboundEvent event) {
        long now = System.currentTimeMillis();
        String eventId = "";
        try {
            eventId = parse(event).getString(TwinPayloads.EVENT_ID, "");
        } catch (TwinRejection | ClassCastException e) {
            LOG.fine(() -> "membership/get without a readable body; answering anyway");
        }
        if (!node.equals(nodeName)) {
            LOG.warning(() -> "membership/get for node " + node + " reached node " + nodeName + "; answered with no"
                    + " devices");
        }
        var devices = node.equals(nodeName) ? store.all() : java.util.List.<DeviceRecord>of();
        mqtt.publish(MqttTopics.node(node, MqttTopics.MEMBERSHIP_GET + "/result"),
                TwinPayloads.bytes(TwinPayloads.membership(eventId, now, devices)));
    }

    private void save(DeviceRecord device) throws TwinRejection {
        try {
            store.save(device);
        } catch (RuntimeException e) {
            throw new TwinRejection(TwinRejection.INTERNAL_ERROR, "cannot store the device: " + e.getMessage());
        }
    }
}

package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * membership/get (membership/get/result). Malformed JSON is 400, an unknown device 404, a stale version 409, a
 * storage failure 500. Topics outside the scheme are logged and ignored.
 *
 * <p>Requests come in batches ({@link DeviceRequestQueue}): all changes of a batch are written in one
 * transaction (one log flush instead of one per request), and only then are the answers published, so an answer
 * never promises what is not stored. Each changed device is reported to the cloud once per batch, with its
 * newest values.
 */
@ApplicationScoped
public class DeviceRequestHandler {

    private static final Logger LOG = Logger.getLogger(DeviceRequestHandler.class.getName());
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

    /** What one batch changes, and what to say once that is stored. */
    private static final class Batch {
        final Map<String, DeviceRecord> changed = new LinkedHashMap<>();
        final List<Runnable> answers = new ArrayList<>();
        final List<Runnable> failures = new ArrayList<>();
        final Set<String> twinsToReport = new LinkedHashSet<>();
        final Set<String> statesToReport = new LinkedHashSet<>();
    }

    /**
     * Handles requests in arrival order, stores what they changed in one transaction, then answers them.
     *
     * @param events MQTT requests in arrival order
     */
    void handle(List<MqttInboundEvent> events) {
        Batch batch = new Batch();
        for (MqttInboundEvent event : events) {
            handleOne(event, batch);
        }
        if (!batch.changed.isEmpty()) {
            try {
                store.saveAll(batch.changed.values());
            } catch (RuntimeException e) {
                LOG.severe(() -> "DeviceTwin could not store " + batch.changed.size() + " device changes on node "
                        + nodeName + ": " + e.getMessage() + "; the requests are answered with 500");
                batch.failures.forEach(Runnable::run);
                return;
            }
        }
        batch.answers.forEach(Runnable::run);
        batch.twinsToReport.forEach(cloud::reportTwins);
        batch.statesToReport.forEach(cloud::reportState);
    }

    private void handleOne(MqttInboundEvent event, Batch batch) {
        Optional<MqttTopics.DeviceTopic> device = MqttTopics.parseDevice(event.topic());
        if (device.isPresent()) {
            MqttTopics.DeviceTopic topic = device.get();
            String eventId = "";
            long now = System.currentTimeMillis();
            try {
                JsonObject request = parse(event);
                eventId = request.getString(TwinPayloads.EVENT_ID, "");
                switch (topic.action()) {
                    case MqttTopics.TWIN_UPDATE -> twinUpdate(topic, request, eventId, now, batch);
                    case MqttTopics.TWIN_GET -> twinGet(topic, eventId, now, batch);
                    default -> stateUpdate(topic, request, eventId, now, batch);
                }
            } catch (TwinRejection rejection) {
                refuse(topic, eventId, now, rejection);
            }
            return;
        }
        Optional<String> membershipNode = MqttTopics.parseMembershipGet(event.topic());
        if (membershipNode.isPresent()) {
            membershipGet(membershipNode.get(), event, batch);
            return;
        }
        LOG.warning(() -> "EventBus got a message on " + event.topic() + ", which is outside KubeEdge's device"
                + " topics (…/twin/update, …/twin/get, …/state/update, $hw/events/node/<node>/membership/get);"
                + " ignored");
    }

    private void refuse(MqttTopics.DeviceTopic topic, String eventId, long now, TwinRejection rejection) {
        LOG.warning(() -> topic.action() + " of device " + topic.deviceId() + " on node " + nodeName + " refused ("
                + rejection.code() + "): " + rejection.reason());
        mqtt.publish(topic.reply("result"), TwinPayloads.bytes(TwinPayloads.failure(eventId, now, rejection)));
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

    /** The device as this batch left it. */
    private DeviceRecord device(MqttTopics.DeviceTopic topic, Batch batch) throws TwinRejection {
        DeviceRecord stored = store.find(topic.deviceId()).orElseThrow(() -> new TwinRejection(
                TwinRejection.NOT_FOUND, "device " + topic.deviceId() + " is not a member of node " + nodeName));
        return batch.changed.getOrDefault(stored.id(), stored);
    }

    private void twinUpdate(MqttTopics.DeviceTopic topic, JsonObject request, String eventId, long now, Batch batch)
            throws TwinRejection {
        JsonValue twin = request.get(TwinPayloads.TWIN);
        if (twin == null || twin.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, "the request has no \"twin\" object");
        }
        DeviceRecord device = device(topic, batch);
        TwinMerge.Result merge = TwinMerge.fromEdge(device.twins(), twin.asJsonObject(), now);
        DeviceRecord updated = device.withTwins(merge.twins());
        batch.changed.put(updated.id(), updated);
        batch.twinsToReport.add(updated.id());
        batch.answers.add(() -> {
            mqtt.publish(topic.reply("result"), TwinPayloads.bytes(TwinPayloads.updateResult(eventId, now,
                    merge.after())));
            mqtt.publish(topic.reply("document"), TwinPayloads.bytes(TwinPayloads.document(eventId, now, merge)));
            JsonObject delta = TwinPayloads.delta(eventId, now, updated.twins());
            if (delta != null) {
                mqtt.publish(topic.reply("delta"), TwinPayloads.bytes(delta));
            }
        });
        batch.failures.add(() -> refuse(topic, eventId, now, new TwinRejection(TwinRejection.INTERNAL_ERROR,
                "cannot store the twins of device " + updated.id() + " in the edge database")));
    }

    private void twinGet(MqttTopics.DeviceTopic topic, String eventId, long now, Batch batch) throws TwinRejection {
        DeviceRecord device = device(topic, batch);
        batch.answers.add(() -> mqtt.publish(topic.reply("result"),
                TwinPayloads.bytes(TwinPayloads.getResult(eventId, now, device))));
    }

    private void stateUpdate(MqttTopics.DeviceTopic topic, JsonObject request, String eventId, long now, Batch batch)
            throws TwinRejection {
        String state = request.getString("state", request.getString("State", "")).toLowerCase(Locale.ROOT);
        if (!STATES.contains(state)) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, "state must be one of " + STATES + ", got '" + state
                    + "'");
        }
        DeviceRecord device = device(topic, batch);
        DeviceRecord updated = device.withState(state, SEEN.contains(state) ? LastOnline.format(now)
                : device.lastOnline());
        batch.changed.put(updated.id(), updated);
        batch.statesToReport.add(updated.id());
        batch.answers.add(() -> {
            mqtt.publish(topic.reply("result"), TwinPayloads.bytes(TwinPayloads.state(eventId, now, updated)));
            LOG.info(() -> "device " + updated.id() + " on node " + nodeName + " is " + state);
        });
        batch.failures.add(() -> refuse(topic, eventId, now, new TwinRejection(TwinRejection.INTERNAL_ERROR,
                "cannot store the state of device " + updated.id() + " in the edge database")));
    }

    private void membershipGet(String node, MqttInboundEvent event, Batch batch) {
        long now = System.currentTimeMillis();
        String eventId;
        try {
            eventId = parse(event).getString(TwinPayloads.EVENT_ID, "");
        } catch (TwinRejection | ClassCastException e) {
            eventId = "";
        }
        if (!node.equals(nodeName)) {
            LOG.warning(() -> "membership/get for node " + node + " reached node " + nodeName + "; answered with no"
                    + " devices");
        }
        String id = eventId;
        batch.answers.add(() -> {
            List<DeviceRecord> devices = node.equals(nodeName) ? store.all() : List.of();
            mqtt.publish(MqttTopics.node(node, MqttTopics.MEMBERSHIP_GET + "/result"),
                    TwinPayloads.bytes(TwinPayloads.membership(id, now, devices)));
        });
    }
}

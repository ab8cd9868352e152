package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * Answers mappers and device apps on KubeEdge's topics as KubeEdge v1.22 does: twin/update (result, document,
 * delta; reported values to the cloud), twin/get (get/result), state/update (state/update/result; state to the
 * cloud) and the node's membership/get (membership/get/result). A bad twin request is a 400, an unknown device a
 * 404, a storage failure a 500; a state update KubeEdge cannot use is dropped unanswered, as KubeEdge drops it.
 *
 * <p>Requests come in batches ({@link DeviceRequestQueue}): all changes of a batch are written in one
 * transaction (one log flush instead of one per request), and only then are the answers published, so an answer
 * never promises what is not stored. Each changed device is reported to the cloud once per batch, with its
 * newest values.
 */
@ApplicationScoped
public class DeviceRequestHandler {

    /** From EventBus's receipt to the answer, per request; read by /metrics. */
    private final RequestLatency latency = new RequestLatency();

    /** @return what DeviceTwin handled since start and how long it took */
    public RequestLatency latency() {
        return latency;
    }

    private static final Logger LOG = Logger.getLogger(DeviceRequestHandler.class.getName());
    /** KubeEdge's device states ({@code dtcommon.DeviceStatus*}), matched without case. */
    private static final Set<String> STATES = Set.of("online", "offline", "ok", "unknown", "unhealthy");

    @Inject
    DeviceStore store;

    @Inject
    MqttPublisher mqtt;

    @Inject
    TwinChanges changes;

    @Inject
    TwinCloudReporter cloud;

    @Inject
    EventBusConfig config;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    /** What one batch changes, and what to say once that is stored (or could not be). */
    private static final class Batch {
        final Map<String, DeviceRecord> changed = new LinkedHashMap<>();
        final List<Runnable> answers = new ArrayList<>();
        final List<Runnable> failures = new ArrayList<>();
        final Set<String> twinsToReport = new LinkedHashSet<>();
        final Set<String> statesToReport = new LinkedHashSet<>();

        void answer(Runnable stored, Runnable notStored) {
            answers.add(stored);
            failures.add(notStored);
        }
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
                        + nodeName + ": " + e.getMessage() + "; the updates are answered with 500");
                batch.failures.forEach(Runnable::run);
                return;
            }
        }
        batch.answers.forEach(Runnable::run);
        long answered = System.nanoTime();
        for (MqttInboundEvent event : events) {
            latency.record(answered - event.receivedNanos());
        }
        batch.twinsToReport.forEach(cloud::reportTwins);
        batch.statesToReport.forEach(cloud::reportState);
    }

    private void handleOne(MqttInboundEvent event, Batch batch) {
        Optional<MqttTopics.DeviceTopic> device = MqttTopics.parseDevice(event.topic());
        if (device.isPresent()) {
            MqttTopics.DeviceTopic topic = device.get();
            switch (topic.action()) {
                case MqttTopics.TWIN_UPDATE -> twinUpdate(topic, event, batch);
                case MqttTopics.TWIN_GET -> twinGet(topic, event, batch);
                default -> stateUpdate(topic, event, batch);
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

    private String text(MqttInboundEvent event) throws TwinRejection {
        if (event.payload().length > config.maxPayloadBytes()) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, "payload of " + event.payload().length
                    + " bytes is over the limit of " + config.maxPayloadBytes() + " (modules.eventBus.maxPayloadBytes)");
        }
        return event.text();
    }

    /** The device as this batch left it. */
    private Optional<DeviceRecord> device(MqttTopics.DeviceTopic topic, Batch batch) {
        return store.find(topic.deviceId()).map(stored -> batch.changed.getOrDefault(stored.id(), stored));
    }

    private void twinUpdate(MqttTopics.DeviceTopic topic, MqttInboundEvent event, Batch batch) {
        long now = System.currentTimeMillis();
        String eventId = event.payload().length > config.maxPayloadBytes() ? "" : TwinRequests.eventId(event.text());
        try {
            Map<String, TwinPatch> request = TwinRequests.twinUpdate(text(event));
            DeviceRecord device = device(topic, batch).orElseThrow(() -> new TwinRejection(
                    TwinRejection.NOT_FOUND, "update rejected due to the device is not existed"));
            TwinMerge.Result merge = TwinMerge.fromEdge(device.id(), device.twins(), request, now);
            DeviceRecord updated = device.withTwins(merge.twins());
            if (merge.dirty()) {
                batch.changed.put(updated.id(), updated);
                batch.twinsToReport.add(updated.id());
            }
            batch.answer(() -> {
                mqtt.publish(topic.reply("result"), TwinPayloads.bytes(TwinPayloads.updateResult(eventId, now,
                        merge.reply())));
                changes.publish(topic.deviceId(), merge, eventId, now);
            }, merge.dirty() ? () -> refuse(topic, eventId, now, new TwinRejection(TwinRejection.INTERNAL_ERROR,
                    "cannot store the twins of device " + updated.id() + " in the edge database"))
                    : () -> mqtt.publish(topic.reply("result"), TwinPayloads.bytes(TwinPayloads.updateResult(
                            eventId, now, merge.reply()))));
        } catch (TwinRejection rejection) {
            refuse(topic, eventId, now, rejection);
        }
    }

    private void twinGet(MqttTopics.DeviceTopic topic, MqttInboundEvent event, Batch batch) {
        long now = System.currentTimeMillis();
        String eventId = "";
        try {
            eventId = TwinRequests.baseMessage(text(event), "twin info");
            String id = eventId;
            DeviceRecord device = device(topic, batch).orElseThrow(() -> new TwinRejection(
                    TwinRejection.NOT_FOUND, "Device " + topic.deviceId() + " not found while getting twin"));
            Runnable answer = () -> mqtt.publish(topic.reply("result"),
                    TwinPayloads.bytes(TwinPayloads.getResult(id, now, device)));
            // Had the batch not been stored, answer with what is stored.
            batch.answer(answer, () -> store.find(topic.deviceId()).ifPresent(stored -> mqtt.publish(
                    topic.reply("result"), TwinPayloads.bytes(TwinPayloads.getResult(id, now, stored)))));
        } catch (TwinRejection rejection) {
            refuse(topic, eventId, now, rejection);
        }
    }

    private void stateUpdate(MqttTopics.DeviceTopic topic, MqttInboundEvent event, Batch batch) {
        long now = System.currentTimeMillis();
        Optional<String> state = event.payload().length > config.maxPayloadBytes() ? Optional.empty()
                : TwinRequests.state(event.text());
        Optional<DeviceRecord> device = device(topic, batch);
        String ignored = state.isEmpty() ? "is not a state update KubeEdge can read"
                : device.isEmpty() ? "names a device that is not a member of node " + nodeName
                : !STATES.contains(state.get().toLowerCase(Locale.ROOT)) ? "names the unknown state '"
                        + state.get() + "' (known: " + STATES + ")" : null;
        if (ignored != null) {
            LOG.warning(() -> "state/update of device " + topic.deviceId() + " " + ignored + "; ignored without an"
                    + " answer, as KubeEdge ignores it");
            return;
        }
        String newState = state.get();
        DeviceRecord old = device.get();
        // KubeEdge keeps the state as sent; the last online time moves with an online state only.
        DeviceRecord updated = old.withState(newState, DevicePayloads.SEEN.contains(newState.toLowerCase(
                Locale.ROOT)) ? LastOnline.format(now) : old.lastOnline());
        batch.changed.put(updated.id(), updated);
        batch.statesToReport.add(updated.id());
        batch.answer(() -> {
            mqtt.publish(topic.reply("result"), TwinPayloads.bytes(DevicePayloads.state(now, updated)));
            LOG.info(() -> "device " + updated.id() + " on node " + nodeName + " is " + newState);
        }, () -> LOG.warning(() -> "the state " + newState + " of device " + updated.id() + " was not stored; not"
                + " answered, as KubeEdge does not answer then"));
    }

    private void membershipGet(String node, MqttInboundEvent event, Batch batch) {
        if (!node.equals(nodeName)) {
            // KubeEdge answers any node's membership/get on its own node's topic; nobody asked there.
            LOG.warning(() -> "membership/get for node " + node + " reached node " + nodeName + "; not answered");
            return;
        }
        long now = System.currentTimeMillis();
        String topic = MqttTopics.node(nodeName, MqttTopics.MEMBERSHIP_GET + "/result");
        String eventId;
        try {
            eventId = TwinRequests.baseMessage(text(event), "get membership info");
        } catch (TwinRejection rejection) {
            LOG.warning(() -> "membership/get on node " + nodeName + " refused (400): " + rejection.reason());
            mqtt.publish(topic, TwinPayloads.bytes(TwinPayloads.failure("", now, rejection)));
            return;
        }
        Runnable answer = () -> mqtt.publish(topic, TwinPayloads.bytes(DevicePayloads.membership(eventId, now,
                store.all())));
        batch.answer(answer, answer);
    }
}

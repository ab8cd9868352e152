package org.kubeedgej.cloud.devicecontroller;

import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.kubeedgej.cloud.edgecontroller.NodeLister;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;
import org.kubeedgej.cloud.messaging.DownstreamQueue;
import org.kubeedgej.cloud.synccontroller.ObjectSyncLookup;
import org.kubeedgej.shared.model.Operations;

/**
 * Sends each Device to its node as KubeEdge 1.22's DeviceController does: membership {@code added_devices} when a
 * node first gets it (with its desired twins, for older edges), its DeviceModel and the Device object itself
 * (insert, then update whenever its desired values or types change), and {@code removed_devices} plus a delete of the
 * Device when it is deleted or moves to another node (then the new node gets it as added). Membership is sent once,
 * unacknowledged, as KubeEdge's edge never acknowledges it; the Device and DeviceModel objects are acknowledged and
 * kept until the edge has them, so they are what makes delivery reliable. Reads only the informer caches. Safe to run
 * twice: after a restart every Device is sent once more, and the edge merges a repeated membership without losing
 * reported values. A membership event is published only for a real change: after a restart, a Device whose node
 * has acknowledged it before (SyncController's ObjectSync {@code <node>.<uid>} exists) joins nothing. Only the
 * replica that leads the controllers sends ({@link ControllerLeadership}); a new leader sends every Device once
 * more, as after a restart.
 */
@ApplicationScoped
public class DeviceDownstreamReconciler {

    private static final Logger LOG = Logger.getLogger(DeviceDownstreamReconciler.class.getName());
    private static final String DEVICE = "device";
    private static final String DEVICE_MODEL = "devicemodel";

    @Inject
    DownstreamQueue queue;

    @Inject
    Event<DeviceEvent> events;

    @Inject
    DeviceApiVersion apiVersion;

    @Inject
    ObjectSyncLookup objectSyncs;

    @Inject
    NodeLister nodes;

    @Inject
    ControllerLeadership leadership;

    private record Sent(String nodeId, String deviceId, String name, Map<String, String> desired,
            Map<String, String> types, JsonObject device) {}

    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    /** What was last said about a Device held back or bound to a missing node, by UID: each is said once. */
    private final Map<String, String> warned = new ConcurrentHashMap<>();
    private final List<Indexer<DynamicKubernetesObject>> models = new CopyOnWriteArrayList<>();

    void use(Indexer<DynamicKubernetesObject> modelCache) {
        models.add(modelCache);
    }

    /** A new term: what this replica sent before may have been superseded by another leader's sends. */
    synchronized void forget() {
        sent.clear();
    }

    synchronized void reconcile(DynamicKubernetesObject object) {
        if (!leadership.isLeader()) {
            return;
        }
        DeviceSpec device = DeviceSpec.of(json(object));
        Map<String, String> types = modelTypes(device);
        List<String> problems = TwinValueTypes.problems(device.desired(), types);
        if (!problems.isEmpty()) {
            // The edge keeps the last version it got; this one would only be refused there.
            warnOnce(device.uid(), "device " + device.deviceId() + " is held back from edge node "
                    + device.nodeName() + ": " + String.join("; ", problems) + ". Fix the Device or its DeviceModel "
                    + device.model() + "; the edge keeps the last valid version");
            return;
        }
        if (!device.nodeName().isEmpty() && nodes.knownMissing(device.nodeName())) {
            warnOnce(device.uid(), "device " + device.deviceId() + " is bound to edge node " + device.nodeName()
                    + ", which does not exist; it is queued and reaches the node when the node joins (check"
                    + " spec.nodeName)");
        } else {
            warned.remove(device.uid());
        }
        Sent previous = sent.get(device.uid());
        long now = System.currentTimeMillis();
        long cloudVersion = cloudVersion(object);
        if (previous != null && !previous.nodeId().equals(device.nodeName())) {
            removeFrom(previous, device.uid(), String.valueOf(cloudVersion), now);
            LOG.info(() -> "device " + device.deviceId() + " moved from edge node " + previous.nodeId() + " to "
                    + (device.nodeName().isEmpty() ? "no node" : "edge node " + device.nodeName()));
        }
        if (device.nodeName().isEmpty()) {
            sent.remove(device.uid());
            LOG.warning(() -> "device " + device.deviceId() + " names no node (v1beta1 spec.nodeName or v1alpha1"
                    + " spec.nodeSelector); it is not sent to any edge node");
            return;
        }
        JsonObject raw = json(object);
        Sent current = new Sent(device.nodeName(), device.deviceId(), device.name(), device.desired(), types, raw);
        if (previous == null || !previous.nodeId().equals(device.nodeName())) {
            JsonObject added = DeviceMessages.device(device, types, cloudVersion, now);
            // Membership never replaces nor is replaced: each add/remove must reach the node.
            queue.send(device.nodeName(), device.uid() + ":membership", true,
                    DeviceMessages.membership(device.nodeName(), List.of(added), List.of(), now));
            model(device).ifPresent(m -> queue.send(device.nodeName(), uid(m), false, DeviceMessages.object(
                    device.nodeName(), Operations.INSERT, DEVICE_MODEL, m, groupVersion(), "DeviceModel")));
            queue.send(device.nodeName(), device.uid(), false, DeviceMessages.object(device.nodeName(),
                    Operations.INSERT, DEVICE, raw, groupVersion(), "Device"));
            if (previous != null || !deliveredBefore(device)) {
                events.fire(DeviceEvent.membership(device.nodeName(), device.deviceId(), true, device.uid(),
                        String.valueOf(cloudVersion)));
                LOG.info(() -> "device " + device.deviceId() + " added to the membership of edge node "
                        + device.nodeName());
            } else {
                LOG.fine(() -> "device " + device.deviceId() + " sent again to edge node " + device.nodeName()
                        + ", which has had it since before this start; no membership event");
            }
        } else if (!previous.desired().equals(device.desired()) || !previous.types().equals(types)) {
            if (!previous.types().equals(types)) {
                model(device).ifPresent(m -> queue.send(device.nodeName(), uid(m), false, DeviceMessages.object(
                        device.nodeName(), Operations.UPDATE, DEVICE_MODEL, m, groupVersion(), "DeviceModel")));
            }
            queue.send(device.nodeName(), device.uid(), false, DeviceMessages.object(device.nodeName(),
                    Operations.UPDATE, DEVICE, raw, groupVersion(), "Device"));
            LOG.info(() -> "desired twins of device " + device.deviceId() + " sent to edge node "
                    + device.nodeName() + ": " + device.desired());
        }
        sent.put(device.uid(), current);
    }

    synchronized void deleted(DynamicKubernetesObject object) {
        if (!leadership.isLeader()) {
            return;
        }
        DeviceSpec device = DeviceSpec.of(json(object));
        Sent previous = sent.remove(device.uid());
        warned.remove(device.uid());
        if (previous != null) {
            removeFrom(previous, device.uid(), String.valueOf(cloudVersion(object)), System.currentTimeMillis());
            LOG.info(() -> "device " + device.deviceId() + " deleted; removed from edge node " + previous.nodeId());
        }
    }

    /** A DeviceModel changed: its devices' twin types may have. */
    void modelChanged(List<DynamicKubernetesObject> devicesOfModel) {
        devicesOfModel.forEach(this::reconcile);
    }

    private void warnOnce(String uid, String warning) {
        if (!warning.equals(warned.put(uid, warning))) {
            LOG.warning(warning);
        }
    }

    /** Whether the node acknowledged the Device before (this start has not sent it yet, so an earlier one did). */
    private boolean deliveredBefore(DeviceSpec device) {
        return objectSyncs.resourceVersion(device.nodeName(), device.namespace(), device.uid()).isPresent();
    }

    private void removeFrom(Sent previous, String uid, String version, long now) {
        queue.send(previous.nodeId(), uid + ":membership", true, DeviceMessages.membership(previous.nodeId(),
                List.of(), List.of(DeviceMessages.removedDevice(previous.deviceId(), previous.name())), now));
        queue.send(previous.nodeId(), uid, true, DeviceMessages.object(previous.nodeId(), Operations.DELETE, DEVICE,
                previous.device(), groupVersion(), "Device"));
        events.fire(DeviceEvent.membership(previous.nodeId(), previous.deviceId(), false, uid, version));
    }

    private Map<String, String> modelTypes(DeviceSpec device) {
        Optional<JsonObject> model = model(device);
        if (model.isEmpty()) {
            LOG.fine(() -> "device " + device.deviceId() + " refers to DeviceModel " + device.model()
                    + ", which does not exist (yet); twins are typed as strings");
            return Map.of();
        }
        return DeviceSpec.propertyTypes(model.get());
    }

    private Optional<JsonObject> model(DeviceSpec device) {
        if (device.model().isEmpty()) {
            return Optional.empty();
        }
        return models.stream().map(cache -> cache.getByKey(device.namespace() + "/" + device.model()))
                .filter(Objects::nonNull).findFirst().map(DeviceDownstreamReconciler::json);
    }

    private String groupVersion() {
        return DeviceControllerConfig.GROUP + "/" + apiVersion.get();
    }

    private static String uid(JsonObject object) {
        return object.getJsonObject("metadata").getString("uid");
    }

    private static long cloudVersion(DynamicKubernetesObject object) {
        try {
            return Long.parseLong(object.getMetadata().getResourceVersion());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static JsonObject json(DynamicKubernetesObject object) {
        try (JsonReader reader = Json.createReader(new StringReader(object.getRaw().toString()))) {
            return reader.readObject();
        }
    }
}

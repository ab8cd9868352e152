package org.kubeedgej.cloud.devicecontroller;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * KubeEdge's device messages to an edge node ({@code cloud/pkg/devicecontroller/controller/downstream.go}): the
 * membership update {@code node/<node>/membership} (group {@code twin}) with added and removed devices, and the Device
 * and DeviceModel objects themselves (group {@code resource}, {@code node/<node>/<ns>/device/<name>} and
 * {@code .../devicemodel/<name>}, the object as content, its resourceVersion in the header), as KubeEdge 1.22 sends
 * them. Membership lists also carry the desired twins, as older KubeEdge clouds sent them; their cloud version is
 * the Device's resourceVersion, which lets the edge refuse a stale one.
 */
final class DeviceMessages {

    static final String MEMBERSHIP = "membership";
    private static final MessageCodec CODEC = MessageCodec.create();

    private DeviceMessages() {
        throw new AssertionError();
    }

    static String membership(String nodeId, List<JsonObject> added, List<JsonObject> removed, long now) {
        JsonObjectBuilder content = base(now)
                .add("added_devices", Json.createArrayBuilder(added))
                .add("removed_devices", Json.createArrayBuilder(removed));
        return encode("node/" + nodeId + "/" + MEMBERSHIP, content.build());
    }

    /**
     * @param nodeId the node
     * @param operation insert, update or delete
     * @param type {@code device} or {@code devicemodel}
     * @param object the object as the API server has it
     * @param apiVersion the devices.kubeedge.io version it was read at (informer items carry no apiVersion)
     * @param kind Device or DeviceModel
     * @return KubeEdge's resource message for it
     */
    static String object(String nodeId, String operation, String type, JsonObject object, String apiVersion,
            String kind) {
        JsonObject metadata = object.getJsonObject("metadata");
        String resource = ResourcePath.cloud(nodeId, metadata.getString("namespace"), type, metadata.getString("name"))
                .toString();
        JsonObject content = Json.createObjectBuilder(object).add("apiVersion", apiVersion).add("kind", kind).build();
        Message message = Message.newRequest(Groups.DEVICECONTROLLER, Groups.RESOURCE, operation, resource, content);
        return CODEC.encodeToString(message.withHeader(message.header()
                .withResourceVersion(metadata.getString("resourceVersion", ""))));
    }

    /** The device as KubeEdge's {@code types.Device} in a membership list. */
    static JsonObject device(DeviceSpec device, Map<String, String> types, long cloudVersion, long now) {
        return Json.createObjectBuilder()
                .add("id", device.deviceId())
                .add("name", device.name())
                .add("description", device.model())
                .add("state", "unknown")
                .add("attributes", Json.createObjectBuilder()
                        .add("namespace", attribute(device.namespace()))
                        .add("deviceModelRef", attribute(device.model())))
                .add("twin", desiredTwins(device, types, cloudVersion, now))
                .build();
    }

    /** Just enough of a device to name it in {@code removed_devices}. */
    static JsonObject removedDevice(String deviceId, String name) {
        return Json.createObjectBuilder().add("id", deviceId).add("name", name).build();
    }

    private static JsonObject attribute(String value) {
        return Json.createObjectBuilder().add("value", value).add("optional", true)
                .add("metadata", Json.createObjectBuilder().add("type", "string")).build();
    }

    private static JsonObject desiredTwins(DeviceSpec device, Map<String, String> types, long cloudVersion,
            long now) {
        JsonObjectBuilder twins = Json.createObjectBuilder();
        // Every property of the model is a twin; those with a desired value carry it as expected.
        Set<String> names = new LinkedHashSet<>(types.keySet());
        names.addAll(device.desired().keySet());
        for (String name : names) {
            JsonObjectBuilder twin = Json.createObjectBuilder();
            String desired = device.desired().get(name);
            if (desired != null) {
                twin.add("expected", Json.createObjectBuilder().add("value", desired)
                        .add("metadata", Json.createObjectBuilder().add("timestamp", now)));
                twin.add("expected_version", Json.createObjectBuilder().add("cloud", cloudVersion).add("edge", 0));
            }
            twin.add("optional", true)
                    .add("metadata", Json.createObjectBuilder().add("type", types.getOrDefault(name, "string")));
            twins.add(name, twin);
        }
        return twins.build();
    }

    private static JsonObjectBuilder base(long now) {
        return Json.createObjectBuilder().add("event_id", UUID.randomUUID().toString()).add("timestamp", now);
    }

    private static String encode(String resource, JsonObject content) {
        return CODEC.encodeToString(Message.newRequest(Groups.DEVICECONTROLLER, Groups.TWIN, Operations.UPDATE,
                resource, content));
    }
}

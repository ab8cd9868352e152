package org.kubeedgej.cloud.devicecontroller;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Objects;

/**
 * Something that happened to a device, published on the device events topic (docs/device-events.md).
 *
 * @param type one of {@link #MEMBERSHIP_ADDED}, {@link #MEMBERSHIP_REMOVED}, {@link #TWIN_REPORTED},
 *     {@link #STATE_CHANGED}, {@link #UPLOAD}
 * @param nodeName the edge node
 * @param deviceId {@code <namespace>/<name>}, or the MQTT topic for an upload
 * @param data what changed (reported twins, state), possibly empty
 */
public record DeviceEvent(String type, String nodeName, String deviceId, JsonObject data) {

    public static final String MEMBERSHIP_ADDED = "membership-added";
    public static final String MEMBERSHIP_REMOVED = "membership-removed";
    public static final String TWIN_REPORTED = "twin-reported";
    public static final String STATE_CHANGED = "state-changed";
    public static final String UPLOAD = "upload";

    /** Checks the parts are present. */
    public DeviceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(data, "data");
    }

    static DeviceEvent membership(String nodeName, String deviceId, boolean added) {
        return new DeviceEvent(added ? MEMBERSHIP_ADDED : MEMBERSHIP_REMOVED, nodeName, deviceId,
                Json.createObjectBuilder().build());
    }

    /** @return the namespace part of the device id, empty for an upload */
    public String namespace() {
        int slash = deviceId.indexOf('/');
        return UPLOAD.equals(type) || slash < 0 ? "" : deviceId.substring(0, slash);
    }

    /** @return the name part of the device id */
    public String name() {
        int slash = deviceId.indexOf('/');
        return UPLOAD.equals(type) || slash < 0 ? deviceId : deviceId.substring(slash + 1);
    }

    /** @return the JSON body of the event message */
    public JsonObject toJson(long timestamp) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", type).add("node", nodeName);
        if (UPLOAD.equals(type)) {
            b.add("topic", deviceId);
        } else {
            b.add("device", Json.createObjectBuilder().add("namespace", namespace()).add("name", name()));
        }
        return b.add("timestamp", timestamp).add("data", data).build();
    }
}

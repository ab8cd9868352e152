package org.kubeedgej.cloud.devicecontroller;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Something that happened to a device, published on the device events topic (docs/device-events.md).
 *
 * @param type one of {@link #MEMBERSHIP_ADDED}, {@link #MEMBERSHIP_REMOVED}, {@link #TWIN_REPORTED},
 *     {@link #STATE_CHANGED}, {@link #UPLOAD}
 * @param nodeName the edge node
 * @param deviceId {@code <namespace>/<name>}, or the MQTT topic for an upload
 * @param data what changed (reported twins, state), possibly empty
 * @param eventId what a subscriber deduplicates on: the same change always gets the same id, see {@link #idOf}
 */
public record DeviceEvent(String type, String nodeName, String deviceId, JsonObject data, String eventId) {

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
        Objects.requireNonNull(eventId, "eventId");
    }

    /**
     * @param uid the Device's UID
     * @param version the Device's resourceVersion when CloudCore saw the device join or leave the node
     */
    static DeviceEvent membership(String nodeName, String deviceId, boolean added, String uid, String version) {
        String type = added ? MEMBERSHIP_ADDED : MEMBERSHIP_REMOVED;
        return new DeviceEvent(type, nodeName, deviceId, Json.createObjectBuilder().build(),
                idOf(type, nodeName, uid, version));
    }

    /**
     * A deterministic event id: the first 128 bits of SHA-256 over the parts, in hex. The parts name the change
     * (e.g. type, Device UID and the resourceVersion of the status write that recorded it), so publishing the same
     * change again gives the same id, and any other change (a later write has a later resourceVersion) another.
     *
     * @param parts what identifies the change, none null
     * @return 32 hex digits
     */
    static String idOf(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(Objects.requireNonNull(part, "part").getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
        JsonObjectBuilder b = Json.createObjectBuilder().add("eventId", eventId).add("type", type)
                .add("node", nodeName);
        if (UPLOAD.equals(type)) {
            b.add("topic", deviceId);
        } else {
            b.add("device", Json.createObjectBuilder().add("namespace", namespace()).add("name", name()));
        }
        return b.add("timestamp", timestamp).add("data", data).build();
    }
}

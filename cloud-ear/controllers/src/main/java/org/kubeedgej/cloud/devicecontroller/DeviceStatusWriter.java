package org.kubeedgej.cloud.devicecontroller;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies what the edge reported to a Device read from the API (a generic map, as the client returns custom
 * objects): {@code status.twins[]{propertyName, reported{value, metadata{timestamp, type}}}}, as KubeEdge's
 * upstream writes it, and {@code status.state}/{@code status.lastOnlineTime}. Desired values stay untouched.
 *
 * <p>Tells apart a real change, which is published as a device event, from a report of what the status already
 * holds (the edge reports every device again when it reconnects): a reported value, or its type, that differs from
 * the status; a state that differs (no state at all counts as {@value #UNKNOWN}). A new metadata timestamp or
 * lastOnlineTime alone is written, not published. A twin report stamped before the one the status holds is left out.
 * The Device read from the API server is the memory, so this holds across CloudCore restarts.
 */
final class DeviceStatusWriter {

    /** The state KubeEdge's edge gives a device that has not reported one. */
    static final String UNKNOWN = "unknown";

    private final Map<String, Object> device;
    private final List<String> stale = new java.util.ArrayList<>();
    private boolean modified;

    DeviceStatusWriter(Map<String, Object> device) {
        this.device = device;
    }

    Map<String, Object> device() {
        return device;
    }

    /** @return whether anything was put that the status did not hold already (else there is nothing to write) */
    boolean modified() {
        return modified;
    }

    /**
     * @param twins the {@code twin} map of an edge_updated message
     * @return the reported values that changed (value, or type when the report names one), by property name
     */
    JsonObject putReported(JsonObject twins) {
        List<Map<String, Object>> statusTwins = statusTwins();
        JsonObjectBuilder written = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> entry : twins.entrySet()) {
            if (entry.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject twin = entry.getValue().asJsonObject();
            JsonObject actual = DeviceSpec.object(twin, "actual");
            if (!(actual.get("value") instanceof JsonString value)) {
                continue;
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            JsonValue timestamp = DeviceSpec.object(actual, "metadata").get("timestamp");
            if (timestamp instanceof JsonNumber n) {
                metadata.put("timestamp", String.valueOf(n.longValue()));
            }
            String type = DeviceSpec.object(twin, "metadata").getString("type", "");
            if (!type.isEmpty()) {
                metadata.put("type", type);
            }
            Map<String, Object> reported = new LinkedHashMap<>();
            reported.put("value", value.getString());
            reported.put("metadata", metadata);
            Map<String, Object> statusTwin = twinEntry(statusTwins, entry.getKey());
            if (isOlder(metadata.get("timestamp"), statusTwin.get("reported"))) {
                stale.add(entry.getKey());
                continue;
            }
            Object before = statusTwin.put("reported", reported);
            modified |= !reported.equals(before);
            if (changed(before, value.getString(), type)) {
                written.add(entry.getKey(), value.getString());
            }
        }
        return written.build();
    }

    /**
     * A report stamped before what the status holds (the edge's own clock stamps both) is an old one arriving late: an
     * edge that restarted and synced a twin its database had not yet moved past, or a message redelivered after a
     * crash. Applying it would put an older value over a newer one and publish the older value as a change.
     */
    private static boolean isOlder(Object timestamp, Object before) {
        if (!(timestamp instanceof String stamp) || !(before instanceof Map<?, ?> old)
                || !(old.get("metadata") instanceof Map<?, ?> oldMetadata)
                || !(oldMetadata.get("timestamp") instanceof String oldStamp)) {
            return false;
        }
        try {
            return Long.parseLong(stamp) < Long.parseLong(oldStamp);
        } catch (NumberFormatException notAMillisecondCount) {
            return false;
        }
    }

    /** @return twins of the last {@link #putReported} left as they were because the report was older */
    List<String> staleTwins() {
        return List.copyOf(stale);
    }

    private static boolean changed(Object before, String value, String type) {
        if (!(before instanceof Map<?, ?> old) || !value.equals(old.get("value"))) {
            return true;
        }
        Object oldType = old.get("metadata") instanceof Map<?, ?> m ? m.get("type") : null;
        return !type.isEmpty() && !type.equals(oldType);
    }

    /**
     * @param content a state message: {@code {"device":{"state","last_online"}}} or {@code {"state","last_online"}}
     * @return the state and last online time written, when the state changed
     */
    Optional<JsonObject> putState(JsonObject content) {
        JsonObject source = content.containsKey("device") ? DeviceSpec.object(content, "device") : content;
        String state = source.getString("state", "");
        String lastOnline = source.getString("last_online", source.getString("lastOnlineTime", ""));
        Map<String, Object> status = status();
        Object before = state.isEmpty() ? null : status.put("state", state);
        modified |= !state.isEmpty() && !state.equals(before);
        // A Device never reported on holds no state; the edge calls that "unknown": no change.
        boolean stateChanged = !state.isEmpty() && !state.equals(before == null ? UNKNOWN : before);
        if (!lastOnline.isEmpty()) {
            modified |= !lastOnline.equals(status.put("lastOnlineTime", lastOnline));
        }
        return stateChanged
                ? Optional.of(Json.createObjectBuilder().add("state", state).add("lastOnlineTime", lastOnline).build())
                : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() {
        Object status = device.get("status");
        if (!(status instanceof Map)) {
            status = new LinkedHashMap<String, Object>();
            device.put("status", status);
        }
        return (Map<String, Object>) status;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> statusTwins() {
        Map<String, Object> status = status();
        Object twins = status.get("twins");
        if (!(twins instanceof List)) {
            twins = new ArrayList<Map<String, Object>>();
            status.put("twins", twins);
        }
        return (List<Map<String, Object>>) twins;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> twinEntry(List<Map<String, Object>> twins, String property) {
        for (Object t : twins) {
            if (t instanceof Map<?, ?> m && property.equals(m.get("propertyName"))) {
                return (Map<String, Object>) m;
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("propertyName", property);
        twins.add(entry);
        return entry;
    }
}

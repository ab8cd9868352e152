package org.kubeedgej.edge.devicetwin;

import java.util.Map;
import java.util.Objects;

/**
 * A device the node holds: a row of KubeEdge's device table with its attributes and twins.
 *
 * @param id {@code <namespace>/<name>}, as in KubeEdge's topics since v1.17
 * @param name the device name
 * @param description free text
 * @param state e.g. online, offline, unknown
 * @param lastOnline when it was last online, RFC 3339, or ""
 * @param attributes static attributes by name, as string values
 * @param twins twin properties by name
 */
public record DeviceRecord(String id, String name, String description, String state, String lastOnline,
        Map<String, String> attributes, Map<String, Twin> twins) {

    /** Copies the maps so the record stays immutable. */
    public DeviceRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        state = state == null ? "" : state;
        lastOnline = lastOnline == null ? "" : lastOnline;
        attributes = Map.copyOf(attributes);
        twins = Map.copyOf(twins);
    }

    public DeviceRecord withTwins(Map<String, Twin> newTwins) {
        return new DeviceRecord(id, name, description, state, lastOnline, attributes, newTwins);
    }

    public DeviceRecord withState(String newState, String newLastOnline) {
        return new DeviceRecord(id, name, description, newState, newLastOnline, attributes, twins);
    }
}

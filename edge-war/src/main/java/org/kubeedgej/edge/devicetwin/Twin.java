package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Objects;

/**
 * One twin property of a device, as a row of KubeEdge's device_twin table and as {@code dttype.MsgTwin} on MQTT.
 *
 * @param name the property name
 * @param description free text
 * @param expected the desired value (from the cloud, or a mapper), may be null
 * @param actual the reported value (from the device), may be null
 * @param expectedVersion versions of the desired value
 * @param actualVersion versions of the reported value
 * @param optional whether the property is optional
 * @param metadata {@code {"type":"int"}} and the like
 */
public record Twin(String name, String description, TwinValue expected, TwinValue actual,
        TwinVersion expectedVersion, TwinVersion actualVersion, boolean optional, JsonObject metadata) {

    static final String EXPECTED = "expected";
    static final String ACTUAL = "actual";
    static final String OPTIONAL = "optional";
    static final String METADATA = "metadata";
    static final String EXPECTED_VERSION = "expected_version";
    static final String ACTUAL_VERSION = "actual_version";

    /** Checks the required parts. */
    public Twin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(actualVersion, "actualVersion");
        Objects.requireNonNull(metadata, "metadata");
        description = description == null ? "" : description;
    }

    /** @return the type named in the metadata ({@code "type"}), or "" */
    public String type() {
        return metadata.getString("type", "");
    }

    /** @return whether both values are known and differ, the case that makes a delta */
    public boolean differs() {
        return expected != null && expected.value() != null
                && (actual == null || !expected.value().equals(actual.value()));
    }

    public Twin withExpected(TwinValue value, TwinVersion version) {
        return new Twin(name, description, value, actual, version, actualVersion, optional, metadata);
    }

    public Twin withActual(TwinValue value, TwinVersion version) {
        return new Twin(name, description, expected, value, expectedVersion, version, optional, metadata);
    }

    /** @return the MQTT form, KubeEdge's {@code MsgTwin} */
    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (expected != null) {
            b.add(EXPECTED, expected.toJson());
        }
        if (actual != null) {
            b.add(ACTUAL, actual.toJson());
        }
        b.add(OPTIONAL, optional).add(METADATA, metadata);
        if (expected != null) {
            b.add(EXPECTED_VERSION, expectedVersion.toJson());
        }
        if (actual != null) {
            b.add(ACTUAL_VERSION, actualVersion.toJson());
        }
        return b.build();
    }
}

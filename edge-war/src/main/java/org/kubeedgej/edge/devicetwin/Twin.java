package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Objects;

/**
 * One twin property of a device, as a row of KubeEdge's device_twin table and as {@code dttype.MsgTwin} on MQTT.
 * The type ({@code metadata.type}, the row's attr_type) is set when the twin is created and kept after that, as
 * KubeEdge keeps it.
 *
 * @param name the property name
 * @param description free text
 * @param expected the desired value (from the cloud, or a mapper), may be null
 * @param actual the reported value (from the device), may be null
 * @param expectedVersion versions of the desired value
 * @param actualVersion versions of the reported value
 * @param optional whether the property is optional (only an optional twin may be deleted from the edge)
 * @param type the value type, e.g. {@code int}; "" means string
 */
public record Twin(String name, String description, TwinValue expected, TwinValue actual,
        TwinVersion expectedVersion, TwinVersion actualVersion, boolean optional, String type) {

    static final String EXPECTED = "expected";
    static final String ACTUAL = "actual";
    static final String OPTIONAL = "optional";
    static final String METADATA = "metadata";
    static final String TYPE = "type";
    static final String EXPECTED_VERSION = "expected_version";
    static final String ACTUAL_VERSION = "actual_version";

    /** Checks the required parts. */
    public Twin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(actualVersion, "actualVersion");
        description = description == null ? "" : description;
        type = type == null ? "" : type;
    }

    /** @return whether a desired value is set that is not empty, the twins a delta lists */
    public boolean hasDesired() {
        return expected != null && !expected.value().isEmpty();
    }

    /** @return whether the desired value differs from the reported one (none counts as ""), the delta's entries */
    public boolean differs() {
        return hasDesired() && !expected.value().equals(actual == null ? "" : actual.value());
    }

    public Twin withExpected(TwinValue value, TwinVersion version) {
        return new Twin(name, description, value, actual, version, actualVersion, optional, type);
    }

    public Twin withActual(TwinValue value, TwinVersion version) {
        return new Twin(name, description, expected, value, expectedVersion, version, optional, type);
    }

    public Twin withOptional(boolean newOptional) {
        return new Twin(name, description, expected, actual, expectedVersion, actualVersion, newOptional, type);
    }

    /** @return {@code {"type":..}}, KubeEdge's {@code TypeMetadata} ({@code {}} for no type) */
    JsonObject metadataJson() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (!type.isEmpty()) {
            b.add(TYPE, type);
        }
        return b.build();
    }

    /** @return the MQTT form, KubeEdge's {@code MsgTwin} as mappers get it: without versions */
    public JsonObject toJson() {
        return builder().build();
    }

    /** @return the form sent to the cloud (twin/edge_updated): with the versions */
    public JsonObject toCloudJson() {
        JsonObjectBuilder b = builder();
        if (expected != null) {
            b.add(EXPECTED_VERSION, expectedVersion.toJson());
        }
        if (actual != null) {
            b.add(ACTUAL_VERSION, actualVersion.toJson());
        }
        return b.build();
    }

    private JsonObjectBuilder builder() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (expected != null) {
            b.add(EXPECTED, expected.toJson());
        }
        if (actual != null) {
            b.add(ACTUAL, actual.toJson());
        }
        return b.add(OPTIONAL, optional).add(METADATA, metadataJson());
    }
}

package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kubeedgej.shared.jpa.DeviceEntity;
import org.kubeedgej.shared.jpa.DeviceTwinEntity;

/**
 * Between DeviceTwin's values ({@link DeviceRecord}, {@link Twin}) and the rows of KubeEdge's device tables
 * ({@link DeviceEntity} and its attributes and twins): values as strings, metadata and versions as JSON text.
 * Attributes are kept as KubeEdge keeps a plain string attribute (not optional, type {@code string}, metadata
 * {@code {}}).
 */
final class DeviceEntities {

    private static final String ATTRIBUTE_TYPE = "string";

    private DeviceEntities() {
        throw new AssertionError("no instances");
    }

    /**
     * @param entity a device row with its attributes and twins (read inside its entity manager)
     * @return the device
     */
    static DeviceRecord toRecord(DeviceEntity entity) {
        Map<String, String> attributes = new LinkedHashMap<>();
        entity.attributes().values().forEach(a -> attributes.put(a.name(), a.value() == null ? "" : a.value()));
        Map<String, Twin> twins = new LinkedHashMap<>();
        entity.twins().values().forEach(t -> twins.put(t.name(), toTwin(t)));
        return new DeviceRecord(entity.id(), entity.name(), entity.description(), entity.state(),
                entity.lastOnline(), attributes, twins);
    }

    private static Twin toTwin(DeviceTwinEntity t) {
        return new Twin(t.name(), t.description(),
                t.expected() == null ? null : new TwinValue(t.expected(), json(t.expectedMeta())),
                t.actual() == null ? null : new TwinValue(t.actual(), json(t.actualMeta())),
                TwinVersion.fromJson(json(t.expectedVersion())), TwinVersion.fromJson(json(t.actualVersion())),
                t.optional(), json(t.metadata()));
    }

    /**
     * Makes the entity hold the device: its columns, its attributes and twins (rows of names no longer there are
     * removed, rows that did not change stay untouched, so only what changed is written).
     *
     * @param device the device
     * @param entity its row, new or read in the entity manager that will write it
     */
    static void apply(DeviceRecord device, DeviceEntity entity) {
        entity.describe(device.name(), device.description(), device.state(), device.lastOnline());
        entity.attributes().keySet().retainAll(device.attributes().keySet());
        device.attributes().forEach((name, value) ->
                entity.attribute(name).set(null, value, false, ATTRIBUTE_TYPE, "{}"));
        entity.twins().keySet().retainAll(device.twins().keySet());
        for (Twin t : device.twins().values()) {
            DeviceTwinEntity row = entity.twin(t.name());
            row.describe(t.description(), t.optional(), t.type(), t.metadata().toString());
            row.expect(valueOf(t.expected()), metaOf(t.expected()), t.expectedVersion().toJson().toString());
            row.report(valueOf(t.actual()), metaOf(t.actual()), t.actualVersion().toJson().toString());
        }
    }

    private static String valueOf(TwinValue v) {
        return v == null ? null : v.value();
    }

    private static String metaOf(TwinValue v) {
        return v == null ? null : v.metadata().toString();
    }

    private static JsonObject json(String text) {
        if (text == null || text.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}

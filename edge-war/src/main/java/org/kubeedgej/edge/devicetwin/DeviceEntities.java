package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
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
 * ({@link DeviceEntity} and its attributes and twins): values as strings, value metadata ({@code {"timestamp":ms}})
 * and versions as JSON text, the twin type in attr_type (rows that kept it only in their metadata are read too).
 * Attributes are kept as KubeEdge keeps a plain string attribute (not optional, type {@code string}, metadata
 * {@code {}}).
 */
final class DeviceEntities {

    private static final String ATTRIBUTE_TYPE = "string";
    /** KubeEdge's metadata column: the twin's metadata without its type, which has a column of its own. */
    private static final String METADATA_WITHOUT_TYPE = "{}";

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
        String type = t.attrType() != null ? t.attrType() : json(t.metadata()).getString(Twin.TYPE, "");
        return new Twin(t.name(), t.description(), value(t.expected(), t.expectedMeta()),
                value(t.actual(), t.actualMeta()), TwinVersion.fromJson(json(t.expectedVersion())),
                TwinVersion.fromJson(json(t.actualVersion())), t.optional(), type);
    }

    private static TwinValue value(String value, String meta) {
        if (value == null) {
            return null;
        }
        JsonValue timestamp = json(meta).get(TwinValue.TIMESTAMP);
        return new TwinValue(value, timestamp instanceof JsonNumber n ? n.longValue() : 0);
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
            row.describe(t.description(), t.optional(), t.type(), METADATA_WITHOUT_TYPE);
            row.expect(valueOf(t.expected()), metaOf(t.expected()), t.expectedVersion().toJson().toString());
            row.report(valueOf(t.actual()), metaOf(t.actual()), t.actualVersion().toJson().toString());
        }
    }

    private static String valueOf(TwinValue v) {
        return v == null ? null : v.value();
    }

    private static String metaOf(TwinValue v) {
        return v == null ? null : v.metadataJson().toString();
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

package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * How a twin request changes a device's twins, as KubeEdge's {@code dtmanager/twin.go}: from a mapper (edge
 * update: values validated against their type, edge version counted up, a stale version refused with 409) or
 * from the cloud (desired values; one older than the cloud version held is ignored). All or nothing: an invalid
 * twin rejects the whole request. Pure: storage and publishing are the caller's.
 */
public final class TwinMerge {

    private static final Logger LOG = Logger.getLogger(TwinMerge.class.getName());

    /**
     * The outcome of a merge.
     *
     * @param twins every twin of the device after the merge
     * @param before the changed twins as they were (absent for new ones)
     * @param after the changed twins as they are now
     */
    public record Result(Map<String, Twin> twins, Map<String, Twin> before, Map<String, Twin> after) {

        /** @return whether anything changed */
        public boolean changed() {
            return !after.isEmpty();
        }
    }

    private TwinMerge() {
        throw new AssertionError();
    }

    /**
     * @param current the device's twins now
     * @param request the {@code twin} object of a twin/update from a mapper
     * @param now the time of the change, ms
     * @return the merge
     * @throws TwinRejection 400 for a malformed twin or a value not of its type, 409 for a stale version
     */
    public static Result fromEdge(Map<String, Twin> current, JsonObject request, long now) throws TwinRejection {
        Map<String, Twin> twins = new LinkedHashMap<>(current);
        Map<String, Twin> before = new LinkedHashMap<>();
        Map<String, Twin> after = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : request.entrySet()) {
            String name = entry.getKey();
            if (entry.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                throw new TwinRejection(TwinRejection.BAD_REQUEST, "twin " + name + " must be an object with"
                        + " expected and/or actual values");
            }
            JsonObject msg = entry.getValue().asJsonObject();
            Twin old = current.get(name);
            Twin twin = old != null ? old : new Twin(name, "", null, null, TwinVersion.NONE, TwinVersion.NONE,
                    msg.getBoolean(Twin.OPTIONAL, true), metadata(msg));
            String type = msg.containsKey(Twin.METADATA) ? metadata(msg).getString("type", twin.type()) : twin.type();
            try {
                if (msg.containsKey(Twin.ACTUAL)) {
                    checkNotStale(name, "actual", msg.get(Twin.ACTUAL_VERSION), twin.actualVersion());
                    TwinValue actual = stamped(TwinValue.fromJson(msg.get(Twin.ACTUAL)), now);
                    checkType(name, type, actual.value());
                    twin = twin.withActual(actual, twin.actualVersion().edgeUpdated());
                }
                if (msg.containsKey(Twin.EXPECTED)) {
                    checkNotStale(name, "expected", msg.get(Twin.EXPECTED_VERSION), twin.expectedVersion());
                    TwinValue expected = stamped(TwinValue.fromJson(msg.get(Twin.EXPECTED)), now);
                    checkType(name, type, expected.value());
                    twin = twin.withExpected(expected, twin.expectedVersion().edgeUpdated());
                }
            } catch (IllegalArgumentException e) {
                throw new TwinRejection(TwinRejection.BAD_REQUEST, "twin " + name + ": " + e.getMessage());
            }
            if (msg.containsKey(Twin.METADATA) && !type.equals(twin.type())) {
                twin = new Twin(name, twin.description(), twin.expected(), twin.actual(), twin.expectedVersion(),
                        twin.actualVersion(), twin.optional(), metadata(msg));
            }
            twins.put(name, twin);
            if (old != null) {
                before.put(name, old);
            }
            after.put(name, twin);
        }
        return new Result(twins, before, after);
    }

    /**
     * @param current the device's twins now
     * @param request the {@code twin} object of a cloud_updated or membership message
     * @param deviceId for the log
     * @return the merge; reported values are kept
     */
    public static Result fromCloud(Map<String, Twin> current, JsonObject request, String deviceId) {
        Map<String, Twin> twins = new LinkedHashMap<>(current);
        Map<String, Twin> before = new LinkedHashMap<>();
        Map<String, Twin> after = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : request.entrySet()) {
            String name = entry.getKey();
            if (entry.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            JsonObject msg = entry.getValue().asJsonObject();
            Twin old = current.get(name);
            Twin twin = old != null ? old : new Twin(name, "", null, null, TwinVersion.NONE, TwinVersion.NONE,
                    msg.getBoolean(Twin.OPTIONAL, true), metadata(msg));
            if (msg.containsKey(Twin.METADATA)) {
                twin = new Twin(name, twin.description(), twin.expected(), twin.actual(), twin.expectedVersion(),
                        twin.actualVersion(), msg.getBoolean(Twin.OPTIONAL, twin.optional()), metadata(msg));
            }
            if (msg.containsKey(Twin.EXPECTED)) {
                TwinVersion offered = TwinVersion.fromJson(msg.get(Twin.EXPECTED_VERSION));
                if (offered.cloud() < twin.expectedVersion().cloud()) {
                    TwinVersion held = twin.expectedVersion();
                    LOG.info(() -> "desired " + name + " of device " + deviceId + " at cloud version "
                            + offered.cloud() + " is older than the one held (" + held.cloud() + "); ignored");
                    continue;
                }
                TwinValue expected = TwinValue.fromJson(msg.get(Twin.EXPECTED));
                boolean same = twin.expected() != null && java.util.Objects.equals(twin.expected().value(),
                        expected.value());
                twin = twin.withExpected(expected, new TwinVersion(offered.cloud(), twin.expectedVersion().edge()));
                if (same && old != null && old.type().equals(twin.type())) {
                    twins.put(name, twin);
                    continue;
                }
            }
            twins.put(name, twin);
            if (old != null) {
                before.put(name, old);
            }
            after.put(name, twin);
        }
        return new Result(twins, before, after);
    }

    private static JsonObject metadata(JsonObject msg) {
        JsonValue m = msg.get(Twin.METADATA);
        return m != null && m.getValueType() == JsonValue.ValueType.OBJECT ? m.asJsonObject()
                : Json.createObjectBuilder().add("type", "string").build();
    }

    private static TwinValue stamped(TwinValue value, long now) {
        return new TwinValue(value.value(), Json.createObjectBuilder(value.metadata()).add(TwinValue.TIMESTAMP, now)
                .build());
    }

    private static void checkNotStale(String name, String side, JsonValue offered, TwinVersion held)
            throws TwinRejection {
        if (offered == null || offered.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        TwinVersion version = TwinVersion.fromJson(offered);
        if (version.edge() < held.edge() || version.cloud() < held.cloud()) {
            throw new TwinRejection(TwinRejection.CONFLICT, "twin " + name + ": " + side + " version " + version
                    .toJson() + " is older than the one held " + held.toJson() + "; read the twin (twin/get) and"
                    + " update from there");
        }
    }

    /** Checks a value against the twin's type as KubeEdge's {@code dtcommon.ValidateValue} does. */
    static void checkType(String name, String type, String value) {
        if (value == null) {
            return;
        }
        String t = type.toLowerCase(Locale.ROOT);
        try {
            switch (t) {
                case "int", "integer", "int64" -> Long.parseLong(value);
                case "float", "double" -> new BigDecimal(value);
                case "boolean", "bool" -> {
                    if (!"true".equals(value) && !"false".equals(value)) {
                        throw new IllegalArgumentException();
                    }
                }
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("value '" + value + "' is not of the twin's type " + t);
        }
    }
}

package org.kubeedgej.edge.devicetwin;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * How a twin request changes a device's twins, as KubeEdge's {@code dtmanager/twin.go}. From a mapper (twin/update):
 * the request's versions are not looked at, each value set counts the edge version up and is stamped now, a value
 * not of the twin's type refuses the whole request (400), a twin given as null is deleted if optional, and the
 * answer ({@link Result#reply()}) holds only what changed. From the cloud: desired values older than the cloud
 * version held are ignored, a twin typed {@code deleted} is removed, and a bad value skips its twin. A twin keeps
 * the type it was created with. Pure: storage and publishing are the caller's.
 */
public final class TwinMerge {

    private static final Logger LOG = Logger.getLogger(TwinMerge.class.getName());

    /**
     * The outcome of a merge.
     *
     * @param twins every twin of the device after the merge
     * @param before the changed twins as they were (absent for new ones)
     * @param after the changed twins as they are now (null for deleted ones)
     * @param reply for a mapper's update: what changed, by twin (JSON null for a deleted twin)
     * @param dirty whether anything differs from before, versions included (so the device needs writing)
     */
    public record Result(Map<String, Twin> twins, Map<String, Twin> before, Map<String, Twin> after,
            Map<String, JsonValue> reply, boolean dirty) {

        /** @return whether a twin was added, changed or deleted */
        public boolean changed() {
            return !after.isEmpty();
        }

        /** @return this merge followed by the next one (made on this one's twins), as one */
        Result then(Result next) {
            Map<String, Twin> b = new LinkedHashMap<>(before);
            next.before.forEach((name, twin) -> {
                if (!after.containsKey(name)) {
                    b.put(name, twin);
                }
            });
            Map<String, Twin> a = new LinkedHashMap<>(after);
            a.putAll(next.after);
            Map<String, JsonValue> r = new LinkedHashMap<>(reply);
            r.putAll(next.reply);
            return new Result(next.twins, Collections.unmodifiableMap(b), Collections.unmodifiableMap(a),
                    Collections.unmodifiableMap(r), dirty || next.dirty);
        }
    }

    private TwinMerge() {
        throw new AssertionError();
    }

    /**
     * @param deviceId for the log
     * @param current the device's twins now
     * @param request the twins of a mapper's twin/update (null: delete)
     * @param now the time of the change, ms
     * @return the merge
     * @throws TwinRejection 400 for a value not of its twin's type, or a new twin of an unknown type
     */
    public static Result fromEdge(String deviceId, Map<String, Twin> current, Map<String, TwinPatch> request,
            long now) throws TwinRejection {
        Changes changes = new Changes(current);
        for (Map.Entry<String, TwinPatch> entry : request.entrySet()) {
            String name = entry.getKey();
            TwinPatch p = entry.getValue();
            Twin old = current.get(name);
            if (p == null) {
                deleteFromEdge(deviceId, changes, name, old);
            } else if (old == null) {
                String type = p.type() == null ? "string" : p.type();
                if (!TwinRules.knownType(type)) {
                    throw new TwinRejection(TwinRejection.BAD_REQUEST, TwinRules.TYPE_NOT_ALLOWED);
                }
                TwinValue expected = p.expected() == null ? null : checked(type, p.expected(), now);
                TwinValue actual = p.actual() == null ? null : checked(type, p.actual(), now);
                Twin twin = new Twin(name, "", expected, actual, firstEdgeVersion(expected),
                        firstEdgeVersion(actual), p.optional() == null || p.optional(), type);
                changes.put(name, null, twin, twin.toJson());
            } else {
                updateFromEdge(changes, name, old, p, now);
            }
        }
        return changes.result();
    }

    private static void updateFromEdge(Changes changes, String name, Twin old, TwinPatch p, long now)
            throws TwinRejection {
        Twin twin = old;
        JsonObjectBuilder reply = Json.createObjectBuilder();
        if (p.expected() != null) {
            TwinValue v = checked(old.type(), p.expected(), now);
            twin = twin.withExpected(v, old.expectedVersion().edgeUpdated());
            reply.add(Twin.EXPECTED, v.toJson());
        }
        if (p.actual() != null) {
            TwinValue v = checked(old.type(), p.actual(), now);
            twin = twin.withActual(v, old.actualVersion().edgeUpdated());
            reply.add(Twin.ACTUAL, v.toJson());
        }
        boolean valueSet = p.expected() != null || p.actual() != null;
        // KubeEdge lets the optional flag go from true to false only.
        boolean nowRequired = Boolean.FALSE.equals(p.optional()) && old.optional();
        if (nowRequired) {
            twin = twin.withOptional(false);
        }
        if (valueSet || nowRequired) {
            reply.add(Twin.OPTIONAL, twin.optional());
        }
        if (valueSet) {
            reply.add(Twin.METADATA, twin.metadataJson());
        }
        if (valueSet || nowRequired) {
            changes.put(name, old, twin, reply.build());
        }
    }

    private static void deleteFromEdge(String deviceId, Changes changes, String name, Twin old) {
        if (old == null) {
            LOG.fine(() -> "device " + deviceId + " has no twin " + name + " to delete; ignored");
        } else if (!old.optional()) {
            LOG.info(() -> "twin " + name + " of device " + deviceId + " is not optional and is kept (a mapper may"
                    + " delete optional twins only)");
        } else {
            changes.remove(name, old);
        }
    }

    private static TwinVersion firstEdgeVersion(TwinValue value) {
        return value == null ? TwinVersion.NONE : TwinVersion.NONE.edgeUpdated();
    }

    private static TwinValue checked(String type, String value, long now) throws TwinRejection {
        Optional<String> error = TwinRules.typeError(type, value);
        if (error.isPresent()) {
            throw new TwinRejection(TwinRejection.BAD_REQUEST, error.get());
        }
        return TwinValue.at(value, now);
    }

    /**
     * @param deviceId for the log
     * @param current the device's twins now
     * @param request the twins of a membership or cloud_updated message, or desired values of a Device object
     * @param now the time of the change, ms
     * @return the merge; reported values are kept
     */
    public static Result fromCloud(String deviceId, Map<String, Twin> current, Map<String, TwinPatch> request,
            long now) {
        Changes changes = new Changes(current);
        for (Map.Entry<String, TwinPatch> entry : request.entrySet()) {
            String name = entry.getKey();
            TwinPatch p = entry.getValue();
            Twin old = current.get(name);
            if (p == null) {
                continue;
            }
            if (stale(p.expectedVersion(), old)) {
                LOG.info(() -> "desired " + name + " of device " + deviceId + " at cloud version "
                        + p.expectedVersion().cloud() + " is older than the one held ("
                        + old.expectedVersion().cloud() + "); ignored");
            } else if (p.deletes()) {
                if (old != null) {
                    changes.remove(name, old);
                    LOG.info(() -> "the cloud deleted twin " + name + " of device " + deviceId);
                }
            } else if (old == null) {
                createFromCloud(deviceId, changes, name, p, now);
            } else {
                updateFromCloud(deviceId, changes, name, old, p, now);
            }
        }
        return changes.result();
    }

    private static boolean stale(TwinVersion offered, Twin old) {
        return old != null && offered != null && offered.cloud() < old.expectedVersion().cloud();
    }

    private static void createFromCloud(String deviceId, Changes changes, String name, TwinPatch p, long now) {
        String type = p.type() == null ? "string" : p.type();
        Optional<String> error = !TwinRules.knownType(type) ? Optional.of(TwinRules.TYPE_NOT_ALLOWED)
                : Optional.ofNullable(p.expected()).flatMap(v -> TwinRules.typeError(type, v))
                        .or(() -> Optional.ofNullable(p.actual()).flatMap(v -> TwinRules.typeError(type, v)));
        if (error.isPresent()) {
            LOG.warning(() -> "twin " + name + " of device " + deviceId + " from the cloud is not added: "
                    + error.get() + " (type '" + type + "')");
            return;
        }
        Twin twin = new Twin(name, "", p.expected() == null ? null : TwinValue.at(p.expected(), now),
                p.actual() == null ? null : TwinValue.at(p.actual(), now),
                p.expectedVersion() == null ? TwinVersion.NONE : p.expectedVersion(),
                p.actualVersion() == null ? TwinVersion.NONE : p.actualVersion(),
                p.optional() == null || p.optional(), type);
        changes.put(name, null, twin, null);
    }

    private static void updateFromCloud(String deviceId, Changes changes, String name, Twin old, TwinPatch p,
            long now) {
        Twin twin = old;
        boolean changed = false;
        if (p.expected() != null && valid(deviceId, name, old.type(), p.expected())) {
            TwinVersion version = synced(old.expectedVersion(), p.expectedVersion());
            boolean differs = old.expected() == null || !old.expected().value().equals(p.expected());
            twin = twin.withExpected(differs ? TwinValue.at(p.expected(), now) : old.expected(), version);
            changed = differs;
        }
        if (p.actual() != null && valid(deviceId, name, old.type(), p.actual())) {
            TwinVersion version = synced(old.actualVersion(), p.actualVersion());
            boolean differs = old.actual() == null || !old.actual().value().equals(p.actual());
            twin = twin.withActual(differs ? TwinValue.at(p.actual(), now) : old.actual(), version);
            changed |= differs;
        }
        if (Boolean.FALSE.equals(p.optional()) && old.optional()) {
            twin = twin.withOptional(false);
            changed = true;
        }
        if (changed) {
            changes.put(name, old, twin, null);
        } else {
            changes.keep(name, twin);
        }
    }

    private static boolean valid(String deviceId, String name, String type, String value) {
        if (value.isEmpty()) {
            // KubeEdge's cloud sends "" for a property with no desired value: not set, and nothing to warn about.
            return false;
        }
        Optional<String> error = TwinRules.typeError(type, value);
        error.ifPresent(e -> LOG.warning(() -> "value '" + value + "' of twin " + name + " of device " + deviceId
                + " from the cloud is ignored: " + e));
        return error.isEmpty();
    }

    /** The cloud's count taken, the edge's kept (KubeEdge takes both, having refused a lower edge count). */
    private static TwinVersion synced(TwinVersion held, TwinVersion offered) {
        return offered == null ? held : new TwinVersion(offered.cloud(), Math.max(held.edge(), offered.edge()));
    }

    /** The merge being built. */
    private static final class Changes {
        private final Map<String, Twin> current;
        private final Map<String, Twin> twins;
        private final Map<String, Twin> before = new LinkedHashMap<>();
        private final Map<String, Twin> after = new LinkedHashMap<>();
        private final Map<String, JsonValue> reply = new LinkedHashMap<>();

        Changes(Map<String, Twin> current) {
            this.current = current;
            this.twins = new LinkedHashMap<>(current);
        }

        void put(String name, Twin old, Twin twin, JsonValue replied) {
            twins.put(name, twin);
            if (old != null) {
                before.put(name, old);
            }
            after.put(name, twin);
            if (replied != null) {
                reply.put(name, replied);
            }
        }

        void remove(String name, Twin old) {
            twins.remove(name);
            before.put(name, old);
            after.put(name, null);
            reply.put(name, JsonValue.NULL);
        }

        /** A change of versions only: written, not announced. */
        void keep(String name, Twin twin) {
            twins.put(name, twin);
        }

        Result result() {
            return new Result(Collections.unmodifiableMap(twins), Collections.unmodifiableMap(before),
                    Collections.unmodifiableMap(after), Collections.unmodifiableMap(reply),
                    !twins.equals(current));
        }
    }
}

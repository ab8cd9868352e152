package org.kubeedgej.edge.metamanager;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Which object, and which version of it, a message or a stored row holds: its metadata.uid and resourceVersion.
 * Versions are compared as numbers, as KubeEdge's SyncController does ({@code CompareResourceVersion}); one that is
 * not a number compares as unknown, and an unknown version is never called older.
 */
record ObjectVersion(String uid, long resourceVersion) {

    static final long UNKNOWN = -1;

    static ObjectVersion of(JsonValue content) {
        if (!(content instanceof JsonObject object) || !(object.get("metadata") instanceof JsonObject metadata)) {
            return new ObjectVersion("", UNKNOWN);
        }
        String uid = metadata.get("uid") instanceof JsonString s ? s.getString() : "";
        long version = UNKNOWN;
        if (metadata.get("resourceVersion") instanceof JsonString rv) {
            try {
                version = Long.parseLong(rv.getString());
            } catch (NumberFormatException notANumber) {
                version = UNKNOWN;
            }
        }
        return new ObjectVersion(uid, version);
    }

    boolean hasUid() {
        return !uid.isEmpty();
    }

    /** @return whether this is the same object as {@code kept} in a version before it */
    boolean isOlderThan(ObjectVersion kept) {
        return hasUid() && uid.equals(kept.uid) && resourceVersion != UNKNOWN && kept.resourceVersion != UNKNOWN
                && resourceVersion < kept.resourceVersion;
    }
}

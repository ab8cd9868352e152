package org.kubeedgej.cloud.synccontroller;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * One ObjectSync (namespaced) or ClusterObjectSync record, as SyncController reads it from its cache: which object
 * an edge node has, and at which resourceVersion. The name is {@code <node>.<object UID>}; a UID has no dots, so
 * the node is everything before the last one (node names may have dots).
 *
 * @param name the record's name
 * @param namespace the record's (and the object's) namespace, empty for a ClusterObjectSync
 * @param objectApiVersion spec.objectAPIVersion
 * @param objectKind spec.objectKind, e.g. {@code Pod}
 * @param objectName spec.objectName
 * @param resourceVersion status.objectResourceVersion, empty until the first status write
 */
public record ObjectSyncRecord(String name, String namespace, String objectApiVersion, String objectKind,
        String objectName, String resourceVersion) {

    /** Checks that every part is there and that the name has the {@code <node>.<uid>} shape. */
    public ObjectSyncRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(objectApiVersion, "objectApiVersion");
        Objects.requireNonNull(objectKind, "objectKind");
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new IllegalArgumentException("not a <node>.<uid> record name: " + name);
        }
    }

    /**
     * @param raw the record as the API server returns it
     * @return the record, or empty when its name is not {@code <node>.<uid>} (not one of ours to reconcile)
     */
    public static Optional<ObjectSyncRecord> fromJson(JsonObject raw) {
        JsonObject metadata = object(raw, "metadata");
        JsonObject spec = object(raw, "spec");
        String name = string(metadata, "name");
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ObjectSyncRecord(name, string(metadata, "namespace"), string(spec, "objectAPIVersion"),
                string(spec, "objectKind"), string(spec, "objectName"),
                string(object(raw, "status"), "objectResourceVersion")));
    }

    /** @return the edge node that has the object */
    public String nodeId() {
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** @return the object's UID */
    public String uid() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** @return whether this is a ClusterObjectSync (a cluster-scoped object) */
    public boolean clusterScoped() {
        return namespace.isEmpty();
    }

    /** @return e.g. {@code Pod default/web (uid 1234)}, for logs */
    public String describe() {
        String kind = objectKind.isEmpty() ? "object" : objectKind;
        return kind + " " + (clusterScoped() ? "" : namespace + "/") + objectName + " (uid " + uid() + ")";
    }

    private static JsonObject object(JsonObject parent, String key) {
        JsonElement value = parent == null ? null : parent.get(key);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }

    private static String string(JsonObject parent, String key) {
        JsonElement value = parent.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }
}

package org.kubeedgej.shared.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Objects;
import java.util.UUID;

/**
 * The header of a KubeEdge message (beehive {@code model.MessageHeader}). Empty strings and {@code false} mean
 * "absent": Go omits them ({@code omitempty}), except {@code msg_id} and {@code timestamp}, which are always written.
 */
public final class MessageHeader {

    /** The JSON keys, in the order Go writes them. */
    public static final class JsonFields {
        public static final String ID = "msg_id";
        public static final String PARENT_ID = "parent_msg_id";
        public static final String TIMESTAMP = "timestamp";
        public static final String RESOURCE_VERSION = "resourceversion";
        public static final String SYNC = "sync";
        public static final String TYPE = "type";

        private JsonFields() {
            throw new AssertionError("no instances");
        }
    }

    private final String id;
    private final String parentId;
    private final long timestamp;
    private final String resourceVersion;
    private final boolean sync;
    private final String type;

    private MessageHeader(final String id, final String parentId, final long timestamp, final String resourceVersion,
            final boolean sync, final String type) {
        if (Objects.requireNonNull(id, "id").isEmpty()) {
            throw new IllegalArgumentException("The message id must not be empty");
        }
        this.id = id;
        this.parentId = Objects.requireNonNull(parentId, "parentId");
        this.timestamp = timestamp;
        this.resourceVersion = Objects.requireNonNull(resourceVersion, "resourceVersion");
        this.sync = sync;
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * @param id the message id (KubeEdge uses a random UUID), not empty.
     * @param timestamp the creation time in milliseconds since the epoch.
     * @return a header without parent, resource version, sync flag or type.
     * @throws NullPointerException if {@code id} is {@code null}.
     * @throws IllegalArgumentException if {@code id} is empty.
     */
    public static MessageHeader of(final String id, final long timestamp) {
        return new MessageHeader(id, "", timestamp, "", false, "");
    }

    /**
     * @return a header with a random UUID as id and the current time, as Go's {@code model.NewMessage} makes.
     */
    public static MessageHeader newHeader() {
        return of(UUID.randomUUID().toString(), System.currentTimeMillis());
    }

    /**
     * @param json the {@code header} object.
     * @return the header it describes.
     * @throws MessageFormatException if {@code msg_id} is missing or empty, or a field has the wrong JSON type.
     */
    public static MessageHeader fromJson(final JsonObject json) {
        final String prefix = Message.JsonFields.HEADER + ".";
        return new MessageHeader(
                JsonReading.requireString(json, JsonFields.ID, prefix + JsonFields.ID),
                JsonReading.optString(json, JsonFields.PARENT_ID, prefix + JsonFields.PARENT_ID),
                JsonReading.optLong(json, JsonFields.TIMESTAMP, prefix + JsonFields.TIMESTAMP),
                JsonReading.optString(json, JsonFields.RESOURCE_VERSION, prefix + JsonFields.RESOURCE_VERSION),
                JsonReading.optBoolean(json, JsonFields.SYNC, prefix + JsonFields.SYNC),
                JsonReading.optString(json, JsonFields.TYPE, prefix + JsonFields.TYPE));
    }

    /**
     * @return this header as a JSON object, absent fields omitted.
     */
    public JsonObject toJson() {
        final JsonObjectBuilder builder = JsonReading.provider().createObjectBuilder().add(JsonFields.ID, id);
        if (!parentId.isEmpty()) {
            builder.add(JsonFields.PARENT_ID, parentId);
        }
        builder.add(JsonFields.TIMESTAMP, timestamp);
        if (!resourceVersion.isEmpty()) {
            builder.add(JsonFields.RESOURCE_VERSION, resourceVersion);
        }
        if (sync) {
            builder.add(JsonFields.SYNC, true);
        }
        if (!type.isEmpty()) {
            builder.add(JsonFields.TYPE, type);
        }
        return builder.build();
    }

    /** @return the message id ({@code msg_id}). */
    public String id() {
        return id;
    }

    /** @return the id of the message this one answers ({@code parent_msg_id}), or "" if none. */
    public String parentId() {
        return parentId;
    }

    /** @return whether this header has a parent id. */
    public boolean hasParentId() {
        return !parentId.isEmpty();
    }

    /** @return the creation time in milliseconds since the epoch. */
    public long timestamp() {
        return timestamp;
    }

    /** @return the Kubernetes resourceVersion of the object in the content ({@code resourceversion}), or "". */
    public String resourceVersion() {
        return resourceVersion;
    }

    /** @return whether the sender waits for a response ({@code sync}). */
    public boolean isSync() {
        return sync;
    }

    /** @return the beehive context type that delivers the message ({@code type}), or "" for the default. */
    public String type() {
        return type;
    }

    /** @param newId the new id, not empty. @return a copy with this id. */
    public MessageHeader withId(final String newId) {
        return new MessageHeader(newId, parentId, timestamp, resourceVersion, sync, type);
    }

    /** @param newParentId the parent id, "" for none. @return a copy with this parent id. */
    public MessageHeader withParentId(final String newParentId) {
        return new MessageHeader(id, newParentId, timestamp, resourceVersion, sync, type);
    }

    /** @param newTimestamp milliseconds since the epoch. @return a copy with this timestamp. */
    public MessageHeader withTimestamp(final long newTimestamp) {
        return new MessageHeader(id, parentId, newTimestamp, resourceVersion, sync, type);
    }

    /** @param newResourceVersion the resource version, "" for none. @return a copy with it. */
    public MessageHeader withResourceVersion(final String newResourceVersion) {
        return new MessageHeader(id, parentId, timestamp, newResourceVersion, sync, type);
    }

    /** @param newSync whether the sender waits for a response. @return a copy with this flag. */
    public MessageHeader withSync(final boolean newSync) {
        return new MessageHeader(id, parentId, timestamp, resourceVersion, newSync, type);
    }

    /** @param newType the context type, "" for the default. @return a copy with this type. */
    public MessageHeader withType(final String newType) {
        return new MessageHeader(id, parentId, timestamp, resourceVersion, sync, newType);
    }

    @Override
    public boolean equals(final Object o) {
        return this == o || o instanceof MessageHeader that && timestamp == that.timestamp && sync == that.sync
                && id.equals(that.id) && parentId.equals(that.parentId)
                && resourceVersion.equals(that.resourceVersion) && type.equals(that.type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, parentId, timestamp, resourceVersion, sync, type);
    }

    @Override
    public String toString() {
        return "MessageHeader[id=" + id + ", parentId=" + parentId + ", timestamp=" + timestamp
                + ", resourceVersion=" + resourceVersion + ", sync=" + sync + ", type=" + type + "]";
    }
}

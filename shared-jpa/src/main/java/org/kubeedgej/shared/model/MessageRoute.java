package org.kubeedgej.shared.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Objects;

/**
 * The route of a KubeEdge message (beehive {@code model.MessageRoute}, JSON key {@code route}): who sent it, to which
 * module or group, and which operation on which resource. Source, destination and group may be "" (absent, omitted in
 * JSON); operation and resource are required, and the operation must be one of {@link Operations#known()}.
 */
public final class MessageRoute {

    /** The JSON keys, in the order Go writes them. */
    public static final class JsonFields {
        public static final String SOURCE = "source";
        public static final String DESTINATION = "destination";
        public static final String GROUP = "group";
        public static final String OPERATION = "operation";
        public static final String RESOURCE = "resource";

        private JsonFields() {
            throw new AssertionError("no instances");
        }
    }

    private final String source;
    private final String destination;
    private final String group;
    private final String operation;
    private final String resource;

    private MessageRoute(final String source, final String destination, final String group, final String operation,
            final String resource) {
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.group = Objects.requireNonNull(group, "group");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.resource = Objects.requireNonNull(resource, "resource");
        if (!Operations.isKnown(operation)) {
            throw new IllegalArgumentException(unknownOperation(operation));
        }
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("The resource must not be empty");
        }
    }

    /**
     * @param source the sending module, e.g. {@link Groups#EDGECONTROLLER}, or "".
     * @param group the target group, e.g. {@link Groups#RESOURCE}, or "".
     * @param operation a known operation, e.g. {@link Operations#INSERT}.
     * @param resource the resource string, e.g. {@code node/n1/default/pod/nginx}; not empty.
     * @return a route without destination.
     * @throws NullPointerException if an argument is {@code null}.
     * @throws IllegalArgumentException if the operation is unknown or the resource is empty.
     */
    public static MessageRoute of(final String source, final String group, final String operation,
            final String resource) {
        return new MessageRoute(source, "", group, operation, resource);
    }

    /**
     * @param json the {@code route} object.
     * @return the route it describes.
     * @throws MessageFormatException if operation or resource is missing, the operation is unknown, or a field is not
     * a string.
     */
    public static MessageRoute fromJson(final JsonObject json) {
        final String prefix = Message.JsonFields.ROUTE + ".";
        final String operation = JsonReading.requireString(json, JsonFields.OPERATION, prefix + JsonFields.OPERATION);
        if (!Operations.isKnown(operation)) {
            throw new MessageFormatException(prefix + JsonFields.OPERATION, unknownOperation(operation));
        }
        return new MessageRoute(
                JsonReading.optString(json, JsonFields.SOURCE, prefix + JsonFields.SOURCE),
                JsonReading.optString(json, JsonFields.DESTINATION, prefix + JsonFields.DESTINATION),
                JsonReading.optString(json, JsonFields.GROUP, prefix + JsonFields.GROUP),
                operation,
                JsonReading.requireString(json, JsonFields.RESOURCE, prefix + JsonFields.RESOURCE));
    }

    private static String unknownOperation(final String operation) {
        return "Unknown operation '" + operation + "'; known operations: " + Operations.knownList();
    }

    /**
     * @return this route as a JSON object, empty fields omitted.
     */
    public JsonObject toJson() {
        final JsonObjectBuilder builder = JsonReading.provider().createObjectBuilder();
        addIfNotEmpty(builder, JsonFields.SOURCE, source);
        addIfNotEmpty(builder, JsonFields.DESTINATION, destination);
        addIfNotEmpty(builder, JsonFields.GROUP, group);
        return builder.add(JsonFields.OPERATION, operation).add(JsonFields.RESOURCE, resource).build();
    }

    private static void addIfNotEmpty(final JsonObjectBuilder builder, final String key, final String value) {
        if (!value.isEmpty()) {
            builder.add(key, value);
        }
    }

    /** @return the sending module, or "". */
    public String source() {
        return source;
    }

    /** @return the destination module, or "". */
    public String destination() {
        return destination;
    }

    /** @return the group the message is for, or "". */
    public String group() {
        return group;
    }

    /** @return the operation, see {@link Operations}. */
    public String operation() {
        return operation;
    }

    /** @return the resource string, see {@link ResourcePath}. */
    public String resource() {
        return resource;
    }

    /** @param newSource the sending module or "". @return a copy with this source. */
    public MessageRoute withSource(final String newSource) {
        return new MessageRoute(newSource, destination, group, operation, resource);
    }

    /** @param newDestination the destination module or "". @return a copy with this destination. */
    public MessageRoute withDestination(final String newDestination) {
        return new MessageRoute(source, newDestination, group, operation, resource);
    }

    /** @param newGroup the group or "". @return a copy with this group. */
    public MessageRoute withGroup(final String newGroup) {
        return new MessageRoute(source, destination, newGroup, operation, resource);
    }

    /**
     * @param newOperation a known operation.
     * @return a copy with this operation.
     * @throws IllegalArgumentException if the operation is unknown.
     */
    public MessageRoute withOperation(final String newOperation) {
        return new MessageRoute(source, destination, group, newOperation, resource);
    }

    /**
     * @param newResource a non-empty resource string.
     * @return a copy with this resource.
     * @throws IllegalArgumentException if the resource is empty.
     */
    public MessageRoute withResource(final String newResource) {
        return new MessageRoute(source, destination, group, operation, newResource);
    }

    @Override
    public boolean equals(final Object o) {
        return this == o || o instanceof MessageRoute that && source.equals(that.source)
                && destination.equals(that.destination) && group.equals(that.group)
                && operation.equals(that.operation) && resource.equals(that.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, group, operation, resource);
    }

    @Override
    public String toString() {
        return "MessageRoute[source=" + source + ", destination=" + destination + ", group=" + group
                + ", operation=" + operation + ", resource=" + resource + "]";
    }
}

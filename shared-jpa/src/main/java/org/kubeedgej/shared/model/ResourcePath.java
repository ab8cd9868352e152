package org.kubeedgej.shared.model;

import java.util.Objects;

/**
 * A namespaced resource string ({@code route.resource}) in one of its two forms:
 * <ul>
 * <li>cloud: {@code node/<nodeID>/<namespace>/<type>[/<name>]}, as the cloud controllers build it
 * ({@code BuildResource}, cloud/pkg/common/messagelayer/util.go);</li>
 * <li>edge: {@code <namespace>/<type>[/<name>]}, what CloudHub sends after trimming {@code node/<nodeID>/}
 * ({@code TrimMessage}) and what the edge sends upstream.</li>
 * </ul>
 * Cluster-scoped objects use the namespace {@value #CLUSTER_SCOPED_NAMESPACE}; without a name the string means a
 * list (e.g. {@code default/pod}). Everything after the type is the name, kept intact even if it contains slashes.
 * Resource strings of other shapes (e.g. {@code membership}, {@code device/<ns>/<name>/twin/edge_updated},
 * {@code k8s/ca.crt}) are converted with {@link #trimNodePrefix(String)} and {@link #addNodePrefix(String, String)}.
 */
public final class ResourcePath {

    /** The first segment of the cloud form. */
    public static final String NODE_SEGMENT = "node";
    /** The namespace segment of cluster-scoped objects such as nodes. */
    public static final String CLUSTER_SCOPED_NAMESPACE = "null";
    private static final String SEP = "/";

    private final String nodeId;
    private final String namespace;
    private final String type;
    private final String name;

    private ResourcePath(final String nodeId, final String namespace, final String type, final String name) {
        this.nodeId = requireSegment(nodeId, "nodeId", true);
        this.namespace = requireSegment(namespace, "namespace", false);
        this.type = requireSegment(type, "type", false);
        this.name = Objects.requireNonNull(name, "name");
    }

    private static String requireSegment(final String value, final String what, final boolean mayBeEmpty) {
        if (Objects.requireNonNull(value, what).contains(SEP) || (!mayBeEmpty && value.isEmpty())) {
            throw new IllegalArgumentException("The " + what + " must be a non-empty segment without '/': '" + value
                    + "'");
        }
        return value;
    }

    /**
     * @param nodeId the edge node name, not empty.
     * @param namespace the namespace, or {@value #CLUSTER_SCOPED_NAMESPACE} for cluster-scoped objects.
     * @param type the resource type, see {@link ResourceTypes}.
     * @param name the object name, or "" for a list.
     * @return the cloud form.
     * @throws IllegalArgumentException if node id, namespace or type is empty or contains '/'.
     */
    public static ResourcePath cloud(final String nodeId, final String namespace, final String type,
            final String name) {
        if (nodeId.isEmpty()) {
            throw new IllegalArgumentException("The nodeId of a cloud resource must not be empty");
        }
        return new ResourcePath(nodeId, namespace, type, name);
    }

    /**
     * @param namespace the namespace, or {@value #CLUSTER_SCOPED_NAMESPACE} for cluster-scoped objects.
     * @param type the resource type, see {@link ResourceTypes}.
     * @param name the object name, or "" for a list.
     * @return the edge form.
     * @throws IllegalArgumentException if namespace or type is empty or contains '/'.
     */
    public static ResourcePath edge(final String namespace, final String type, final String name) {
        return new ResourcePath("", namespace, type, name);
    }

    /**
     * @param resource a string {@code node/<nodeID>/<namespace>/<type>[/<name>]}.
     * @return the parsed cloud form.
     * @throws MessageFormatException if the string does not have that shape.
     */
    public static ResourcePath parseCloud(final String resource) {
        final String[] parts = Objects.requireNonNull(resource, "resource").split(SEP, 3);
        if (parts.length < 3 || !NODE_SEGMENT.equals(parts[0]) || parts[1].isEmpty()) {
            throw malformed(resource, "node/<nodeID>/<namespace>/<type>[/<name>]");
        }
        final ResourcePath edge = parse(parts[2], resource, "node/<nodeID>/<namespace>/<type>[/<name>]");
        return new ResourcePath(parts[1], edge.namespace, edge.type, edge.name);
    }

    /**
     * @param resource a string {@code <namespace>/<type>[/<name>]}.
     * @return the parsed edge form.
     * @throws MessageFormatException if the string does not have that shape.
     */
    public static ResourcePath parseEdge(final String resource) {
        return parse(Objects.requireNonNull(resource, "resource"), resource, "<namespace>/<type>[/<name>]");
    }

    private static ResourcePath parse(final String rest, final String whole, final String expected) {
        final String[] parts = rest.split(SEP, 3);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && (parts[2].isEmpty() || parts[2].startsWith(SEP) || parts[2].endsWith(SEP)))) {
            throw malformed(whole, expected);
        }
        return new ResourcePath("", parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    private static MessageFormatException malformed(final String resource, final String expected) {
        return new MessageFormatException(Message.JsonFields.ROUTE + "." + MessageRoute.JsonFields.RESOURCE,
                "Malformed resource '" + resource + "': expected " + expected);
    }

    /**
     * Removes {@code node/<nodeID>/} as CloudHub's {@code TrimMessage} does: only if the string starts with
     * {@code node/} and has at least three segments; otherwise it is returned unchanged.
     *
     * @param resource any resource string.
     * @return the edge form of it.
     */
    public static String trimNodePrefix(final String resource) {
        final String[] parts = resource.split(SEP, 3);
        return parts.length == 3 && NODE_SEGMENT.equals(parts[0]) ? parts[2] : resource;
    }

    /**
     * Prepends {@code node/<nodeID>/} as CloudHub's {@code PubToController} does for upstream messages.
     *
     * @param nodeId the node the message came from.
     * @param resource any resource string from the edge.
     * @return the cloud form of it.
     */
    public static String addNodePrefix(final String nodeId, final String resource) {
        return NODE_SEGMENT + SEP + requireSegment(nodeId, "nodeId", false) + SEP + resource;
    }

    /** @return whether this is the cloud form (with node id). */
    public boolean isCloudForm() {
        return !nodeId.isEmpty();
    }

    /** @return the node id, or "" in the edge form. */
    public String nodeId() {
        return nodeId;
    }

    /** @return the namespace ({@value #CLUSTER_SCOPED_NAMESPACE} for cluster-scoped objects). */
    public String namespace() {
        return namespace;
    }

    /** @return whether the namespace is {@value #CLUSTER_SCOPED_NAMESPACE}. */
    public boolean isClusterScoped() {
        return CLUSTER_SCOPED_NAMESPACE.equals(namespace);
    }

    /** @return the resource type. */
    public String type() {
        return type;
    }

    /** @return the name, or "" if the string names a list. */
    public String name() {
        return name;
    }

    /** @return this path without node id. */
    public ResourcePath toEdge() {
        return new ResourcePath("", namespace, type, name);
    }

    /**
     * @param newNodeId the node id, not empty.
     * @return this path in cloud form for that node.
     * @throws IllegalArgumentException if the node id is empty or contains '/'.
     */
    public ResourcePath toCloud(final String newNodeId) {
        return cloud(newNodeId, namespace, type, name);
    }

    /** @return the resource string in this path's form. */
    @Override
    public String toString() {
        final String edge = namespace + SEP + type + (name.isEmpty() ? "" : SEP + name);
        return nodeId.isEmpty() ? edge : NODE_SEGMENT + SEP + nodeId + SEP + edge;
    }

    @Override
    public boolean equals(final Object o) {
        return this == o || o instanceof ResourcePath that && nodeId.equals(that.nodeId)
                && namespace.equals(that.namespace) && type.equals(that.type) && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, namespace, type, name);
    }
}

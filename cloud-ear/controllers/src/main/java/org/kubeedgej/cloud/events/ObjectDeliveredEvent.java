package org.kubeedgej.cloud.events;

/**
 * An edge node acknowledged a Kubernetes object CloudHub delivered to it, or its deletion.
 *
 * @param nodeId the node
 * @param apiVersion the object's apiVersion
 * @param kind the object's kind
 * @param namespace its namespace, empty for cluster-scoped objects
 * @param name its name
 * @param uid its UID
 * @param resourceVersion the resourceVersion the node now has (for a delete: the one in the message, maybe empty)
 * @param deleted whether the message was a delete: the node no longer has the object
 */
public record ObjectDeliveredEvent(String nodeId, String apiVersion, String kind, String namespace, String name,
        String uid, String resourceVersion, boolean deleted) {}

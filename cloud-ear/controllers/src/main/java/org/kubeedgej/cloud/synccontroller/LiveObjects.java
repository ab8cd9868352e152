package org.kubeedgej.cloud.synccontroller;

import java.util.Optional;

/**
 * What SyncController needs from the controller that sends a kind of object to the edge (EdgeController for pods,
 * ConfigMaps and Secrets): the live objects and nodes from its informer caches, and its own messages, so an edge
 * node gets from SyncController exactly what that controller would have sent it.
 */
public interface LiveObjects {

    /** @return whether every cache has listed from the API server; before that, a missing object proves nothing */
    boolean hasSynced();

    /**
     * @param nodeId a node name
     * @return whether the Node exists
     */
    boolean nodeExists(String nodeId);

    /**
     * @param kind an ObjectSync's spec.objectKind, e.g. {@code Pod}
     * @return whether objects of that kind are sent to edge nodes here (others are left alone)
     */
    boolean handles(String kind);

    /**
     * @param record a record of a kind this side {@link #handles(String) handles}
     * @return the live object of the record's kind, namespace and name, if the cache has one (its UID may differ:
     *     an object deleted and made again under the same name)
     */
    Optional<LiveObject> find(ObjectSyncRecord record);

    /**
     * Reconciles the record's live object for the record's node, by the sending controller's own rules: it queues
     * an update if the node lacks what the edge acts on (a pod's status change alone is not sent back).
     *
     * @param record the record
     */
    void update(ObjectSyncRecord record);

    /**
     * Queues a delete of the record's object for the record's node, in the message the sending controller uses
     * for deletes, carrying the record's UID and resourceVersion.
     *
     * @param record the record
     * @throws RuntimeException if it cannot be queued (try again later)
     */
    void delete(ObjectSyncRecord record);

    /**
     * A live object, as far as SyncController compares it.
     *
     * @param uid its UID
     * @param resourceVersion its resourceVersion
     * @param wantedOnNode whether the record's node should have it (a pod bound to it, a ConfigMap its pods use)
     */
    record LiveObject(String uid, String resourceVersion, boolean wantedOnNode) {}
}

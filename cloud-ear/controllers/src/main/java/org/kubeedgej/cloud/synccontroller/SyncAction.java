package org.kubeedgej.cloud.synccontroller;

import java.util.Optional;

/**
 * What one reconcile pass does with one ObjectSync record, after KubeEdge's SyncController ({@code
 * reconcileObjectSync}, {@code gcOrphanedObjectSync}, {@code checkObjectSync}). Decided from the record and the
 * caches alone, so the decision is a pure function and the same state always gives the same action.
 */
public enum SyncAction {

    /** The node has the object as it is (or something this side does not handle). */
    KEEP,
    /** The object is newer than what the node acknowledged: its controller reconciles it for the node. */
    UPDATE,
    /** The object is gone, or is another object now: the node must delete what it has under that name. */
    DELETE_ON_EDGE,
    /** Nothing left to sync: the node is gone, or the name's new object replaces the old one on the node. */
    DELETE_RECORD;

    /**
     * @param record an ObjectSync record
     * @param nodeExists whether the record's node exists
     * @param handled whether objects of the record's kind are sent to edges by a controller here
     * @param live the live object of that kind, namespace and name, if any
     * @return what to do
     */
    public static SyncAction decide(ObjectSyncRecord record, boolean nodeExists, boolean handled,
            Optional<LiveObjects.LiveObject> live) {
        if (!nodeExists) {
            return DELETE_RECORD;
        }
        if (!handled) {
            return KEEP;
        }
        if (live.isEmpty()) {
            return DELETE_ON_EDGE;
        }
        LiveObjects.LiveObject object = live.get();
        if (!object.uid().equals(record.uid())) {
            // The edge keys objects by name: a delete would also remove the new object if it is (or will be)
            // there, so when the node should have the new one, sending it is what replaces the old one.
            return object.wantedOnNode() ? DELETE_RECORD : DELETE_ON_EDGE;
        }
        if (record.resourceVersion().isEmpty()) {
            return KEEP; // created, status not written yet: the recorder is about to fill it in
        }
        return ResourceVersions.compare(object.resourceVersion(), record.resourceVersion()) > 0 ? UPDATE : KEEP;
    }
}

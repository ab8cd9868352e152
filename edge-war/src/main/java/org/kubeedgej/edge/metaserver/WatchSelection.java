package org.kubeedgej.edge.metaserver;

import java.util.HashSet;
import java.util.Set;

/**
 * Which event type one watcher gets for a change, as the API server decides it: an object that starts to match a
 * selector arrives as ADDED, one that stops matching as DELETED, and changes of objects the watcher never saw are
 * left out. For that it remembers which objects the watcher knows. A watch resumed from a resourceVersion does not
 * know what the client holds; it passes changes of matching objects with their own type and, when a selector
 * could have stopped matching, sends DELETED for a modified object that no longer matches (clients ignore deletes of
 * objects they do not hold).
 */
final class WatchSelection {

    private final ObjectFilter filter;
    /** Keys of objects the watcher holds; null when unknown (a resumed watch). */
    private final Set<String> known;

    private WatchSelection(ObjectFilter filter, Set<String> known) {
        this.filter = filter;
        this.known = known;
    }

    /** @return a selection for a watch that starts with the current objects (see {@link #admitInitial}) */
    static WatchSelection fromCurrentState(ObjectFilter filter) {
        return new WatchSelection(filter, new HashSet<>());
    }

    /** @return a selection for a watch resumed from a resourceVersion */
    static WatchSelection resumed(ObjectFilter filter) {
        return new WatchSelection(filter, null);
    }

    /**
     * @param object a current object
     * @return whether the watcher gets it as one of the initial ADDED events
     */
    boolean admitInitial(StoredObject object) {
        if (!filter.matches(object.namespace(), object.name(), object.object())) {
            return false;
        }
        if (known != null) {
            known.add(object.key());
        }
        return true;
    }

    /**
     * @param change a change of the watched resource
     * @return the event type to send, or null to leave it out
     */
    String typeFor(ObjectChange change) {
        boolean matches = filter.matches(change.namespace(), change.name(), change.object());
        boolean deleted = WatchEvents.DELETED.equals(change.type());
        if (known == null) {
            if (matches) {
                return change.type();
            }
            boolean mayHaveLeft = !deleted && filter.selectsByContent()
                    && filter.inScope(change.namespace(), change.name());
            return mayHaveLeft ? WatchEvents.DELETED : null;
        }
        boolean held = known.contains(change.key());
        if (deleted || !matches) {
            if (held) {
                known.remove(change.key());
                return WatchEvents.DELETED;
            }
            return null;
        }
        known.add(change.key());
        return held ? WatchEvents.MODIFIED : WatchEvents.ADDED;
    }
}

package org.kubeedgej.edge.metaserver;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Logger;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * Turns MetaManager's stored changes into watch events and hands them to the open watches.
 *
 * <p>Revisions: each change gets a revision one higher than the last, or the object's own resourceVersion from the
 * cloud when that is higher. Objects from one cluster normally arrive in resourceVersion order, so the revision is
 * the cloud's; when one arrives late (resent after a reconnect) it still gets a higher number, so a client resuming
 * from a revision never misses it. Lists report the current revision, so a list followed by a watch from its
 * resourceVersion sees every change after it.
 *
 * <p>The last {@code cacheSize} changes of each resource are kept so a watch can resume from an older revision; one
 * from before them (or from before MetaServer started) gets 410 Expired and the client lists again, as the API
 * server's watch cache does. Publishing never blocks: a watcher that falls too far behind is ended instead.
 */
final class WatchHub {

    private static final Logger LOG = Logger.getLogger(WatchHub.class.getName());

    private final int cacheSize;
    private final Map<KubeResource, History> histories = new EnumMap<>(KubeResource.class);
    private final Map<KubeResource, Set<Watcher>> watchers = new EnumMap<>(KubeResource.class);
    /** Keys of stored objects, to tell ADDED from MODIFIED whatever operation the cloud used. */
    private final Set<String> present;
    private long revision;

    /**
     * @param startRevision the highest resourceVersion in the store (at least 1)
     * @param present the keys of the stored objects of every served resource
     * @param cacheSize changes kept per resource
     */
    WatchHub(long startRevision, Set<String> present, int cacheSize) {
        this.revision = Math.max(1, startRevision);
        this.present = new HashSet<>(present);
        this.cacheSize = cacheSize;
        for (KubeResource resource : KubeResource.values()) {
            histories.put(resource, new History(revision));
            watchers.put(resource, new HashSet<>());
        }
    }

    /**
     * Reads the store once to learn its highest resourceVersion and which objects exist. If the store cannot be
     * read, MetaServer still starts (its reads then fail with 503) and counts from 1.
     *
     * @param store the store
     * @param cacheSize changes kept per resource
     * @return the hub
     */
    static WatchHub startingFrom(StoredObjects store, int cacheSize) {
        long highest = 1;
        Set<String> keys = new HashSet<>();
        try {
            for (KubeResource resource : KubeResource.values()) {
                for (StoredObject object : store.list(resource, null)) {
                    keys.add(object.key());
                    highest = Math.max(highest, KubeObjects.resourceVersion(object.object()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "MetaServer could not read the edge database at start (" + e.getMessage()
                    + "); watches count revisions from 1");
        }
        return new WatchHub(highest, keys, cacheSize);
    }

    /** @return the current revision: what a list reports as its resourceVersion */
    synchronized long revision() {
        return revision;
    }

    /**
     * Publishes a change MetaManager stored. Messages for other resources (devices, pod status, ...) are ignored.
     *
     * @param message the stored message, resource in the edge form
     */
    void publish(Message message) {
        ResourcePath path;
        try {
            path = ResourcePath.parseEdge(message.route().resource());
        } catch (RuntimeException e) {
            return;
        }
        KubeResource resource = KubeResource.byStoredType(path.type()).orElse(null);
        String operation = message.route().operation();
        boolean delete = Operations.DELETE.equals(operation);
        boolean save = Operations.INSERT.equals(operation) || Operations.UPDATE.equals(operation)
                || Operations.PATCH.equals(operation);
        if (resource == null || path.name().isEmpty() || !(delete || save)) {
            return;
        }
        JsonValue content = message.content();
        JsonObject object = content instanceof JsonObject stored ? KubeObjects.withTypeMeta(stored, resource)
                : KubeObjects.placeholder(resource, path.namespace(), path.name());
        String key = path.toString();
        synchronized (this) {
            revision = Math.max(revision + 1, KubeObjects.resourceVersion(object));
            String type = delete ? WatchEvents.DELETED : present.contains(key) ? WatchEvents.MODIFIED
                    : WatchEvents.ADDED;
            if (delete) {
                present.remove(key);
            } else {
                present.add(key);
            }
            JsonObject versioned = KubeObjects.resourceVersion(object) == revision ? object
                    : KubeObjects.withResourceVersion(object, revision);
            ObjectChange change = ObjectChange.of(revision, type, resource, key, path.namespace(), path.name(),
                    versioned);
            histories.get(resource).add(change, cacheSize);
            for (Watcher watcher : watchers.get(resource)) {
                watcher.offer(change);
            }
        }
    }

    /**
     * Registers a watch; from now on it is offered every change of its resource.
     *
     * @param watcher the watch
     * @param resource its resource
     * @param from the revision it resumes from, empty to start from the current state
     * @return the revision it starts at and the kept changes after {@code from}, or that {@code from} is too old
     *     (then the watch is not registered)
     */
    synchronized Registration register(Watcher watcher, KubeResource resource, OptionalLong from) {
        History history = histories.get(resource);
        if (from.isPresent() && from.getAsLong() < history.floor) {
            return new Registration(revision, List.of(), OptionalLong.of(history.floor));
        }
        List<ObjectChange> replay = from.isPresent() ? history.after(from.getAsLong()) : List.of();
        watchers.get(resource).add(watcher);
        return new Registration(revision, replay, OptionalLong.empty());
    }

    /** Stops offering changes to a watch. */
    synchronized void unregister(Watcher watcher) {
        watchers.values().forEach(set -> set.remove(watcher));
    }

    /** Ends every open watch (MetaServer is stopping). */
    void closeAll(String reason) {
        List<Watcher> open = new ArrayList<>();
        synchronized (this) {
            watchers.values().forEach(open::addAll);
        }
        open.forEach(watcher -> watcher.close(reason));
    }

    /** What the hub hands changes to: an open watch. */
    interface Watcher {

        /** Called under the hub's lock, in revision order; must not block. */
        void offer(ObjectChange change);

        /** Ends the watch soon, from any thread. */
        void close(String reason);
    }

    /**
     * How a watch starts.
     *
     * @param revision the hub's revision when it registered
     * @param replay kept changes after the revision it resumes from, oldest first
     * @param expiredOldest when set, the requested revision is older than the oldest kept one (this value)
     */
    record Registration(long revision, List<ObjectChange> replay, OptionalLong expiredOldest) {}

    /** The last changes of one resource; {@code floor} is the newest revision no longer (or never) kept. */
    private static final class History {

        private final ArrayDeque<ObjectChange> changes = new ArrayDeque<>();
        private long floor;

        History(long floor) {
            this.floor = floor;
        }

        void add(ObjectChange change, int cacheSize) {
            if (changes.size() >= cacheSize) {
                floor = changes.removeFirst().revision();
            }
            changes.addLast(change);
        }

        List<ObjectChange> after(long from) {
            List<ObjectChange> after = new ArrayList<>();
            for (ObjectChange change : changes) {
                if (change.revision() > from) {
                    after.add(change);
                }
            }
            return after;
        }
    }
}

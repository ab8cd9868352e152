package org.kubeedgej.edge.metaserver;

import jakarta.json.JsonObject;

/**
 * One change of a stored object as watches see it, numbered by the {@link WatchHub}'s revision. The object is kept
 * parsed (for selectors) and serialised once (every watcher writes the same text).
 *
 * @param revision MetaServer's revision of the change, also the object's {@code metadata.resourceVersion}
 * @param type {@link WatchEvents#ADDED}, {@link WatchEvents#MODIFIED} or {@link WatchEvents#DELETED}
 * @param resource the resource
 * @param key the edge resource string it is stored under
 * @param namespace the namespace from the key
 * @param name the name from the key
 * @param object the object after the change (for a delete, the last one)
 * @param objectJson the object, serialised
 */
record ObjectChange(long revision, String type, KubeResource resource, String key, String namespace, String name,
        JsonObject object, String objectJson) {

    static ObjectChange of(long revision, String type, KubeResource resource, String key, String namespace,
            String name, JsonObject object) {
        return new ObjectChange(revision, type, resource, key, namespace, name, object, object.toString());
    }
}

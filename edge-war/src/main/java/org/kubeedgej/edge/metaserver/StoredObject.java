package org.kubeedgej.edge.metaserver;

import jakarta.json.JsonObject;

/**
 * One object as MetaServer serves it from MetaManager's store.
 *
 * @param key the edge resource string it is stored under, e.g. {@code default/pod/nginx}
 * @param namespace the namespace from the key (for cluster-scoped objects whatever the cloud put there)
 * @param name the name from the key
 * @param object the object, with apiVersion and kind
 */
record StoredObject(String key, String namespace, String name, JsonObject object) {}

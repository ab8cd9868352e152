package org.kubeedgej.edge.metaserver;

import java.util.Objects;

/**
 * What a resource path asks for: one object ({@code name} set) or a collection, in one namespace or in all
 * ({@code namespace} null), and whether the path itself is the old watch form {@code /api/v1/watch/...}.
 *
 * @param resource the resource
 * @param namespace the namespace, null for all namespaces or a cluster-scoped resource
 * @param name the object's name, null for the collection
 * @param watchPath whether the path started with {@code /api/v1/watch/}
 */
record ResourceRequest(KubeResource resource, String namespace, String name, boolean watchPath) {

    ResourceRequest {
        Objects.requireNonNull(resource, "resource");
    }

    /** @return whether one object is asked for */
    boolean single() {
        return name != null;
    }

    /** @return how logs name it, e.g. {@code pods in namespace default} or {@code pod default/web} */
    String describe() {
        if (single()) {
            return resource.singular() + " " + (namespace == null ? name : namespace + "/" + name);
        }
        return resource.plural() + (namespace == null ? (resource.namespaced() ? " in all namespaces" : "")
                : " in namespace " + namespace);
    }
}

package org.kubeedgej.cloud.edgecontroller;

import java.util.Objects;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * A ConfigMap or Secret a pod uses, named the way KubeEdge's resource strings name it, so the reference index, the
 * messages and the log lines all speak of the same thing.
 *
 * @param type {@link ResourceTypes#CONFIGMAP} or {@link ResourceTypes#SECRET}
 * @param namespace the pod's namespace (a pod can only use objects of its own namespace)
 * @param name the object's name
 */
record ConfigSourceRef(String type, String namespace, String name) {

    /** Checks that all three parts are there and the type is one of the two. */
    ConfigSourceRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (!ResourceTypes.CONFIGMAP.equals(type) && !ResourceTypes.SECRET.equals(type)) {
            throw new IllegalArgumentException("not a config source type: " + type);
        }
    }

    static ConfigSourceRef configMap(String namespace, String name) {
        return new ConfigSourceRef(ResourceTypes.CONFIGMAP, namespace, name);
    }

    static ConfigSourceRef secret(String namespace, String name) {
        return new ConfigSourceRef(ResourceTypes.SECRET, namespace, name);
    }

    /** @return the informer cache key, {@code namespace/name} */
    String cacheKey() {
        return namespace + "/" + name;
    }

    /** @return e.g. {@code configmap default/app-config}, for logs */
    String describe() {
        return type + " " + namespace + "/" + name;
    }
}

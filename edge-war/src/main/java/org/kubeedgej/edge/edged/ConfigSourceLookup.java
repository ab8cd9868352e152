package org.kubeedgej.edge.edged;

import java.util.Optional;

/**
 * Where edged reads the ConfigMaps and Secrets its pods use (MetaManager's store on a node; a map in tests).
 */
interface ConfigSourceLookup {

    /**
     * @param type {@code configmap} or {@code secret}
     * @param namespace the pod's namespace
     * @param name the object's name
     * @return its data, if this node has it
     * @throws ContainerConfigException when it is there but unusable (too large, bad base64)
     */
    Optional<ConfigData> find(String type, String namespace, String name) throws ContainerConfigException;

    /**
     * A pod needs an object this node lacks: says so as the kubelet does, and may ask the cloud for it.
     *
     * @return the status message, e.g. {@code configmap "app" not found}
     */
    default String missing(String type, String namespace, String name) {
        return ConfigData.describe(type, name) + " not found";
    }
}

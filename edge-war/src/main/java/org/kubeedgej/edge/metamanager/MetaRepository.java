package org.kubeedgej.edge.metamanager;

import java.util.Map;
import java.util.Optional;

/** MetaManager's table of objects from the cloud, as KubeEdge's {@code meta} table: key, type, value. */
public interface MetaRepository {

    /**
     * Inserts or replaces an object.
     *
     * @param key the edge resource string, e.g. {@code default/pod/nginx}
     * @param type the resource type, e.g. {@code pod}
     * @param value the object as JSON
     */
    void save(String key, String type, String value);

    /**
     * @param key the edge resource string
     * @return whether an object was removed
     */
    boolean delete(String key);

    /**
     * @param key the edge resource string
     * @return the stored JSON, if any
     */
    Optional<String> find(String key);

    /**
     * @param type a resource type, e.g. {@code pod}
     * @return every stored object of that type, by key
     */
    Map<String, String> findByType(String type);
}

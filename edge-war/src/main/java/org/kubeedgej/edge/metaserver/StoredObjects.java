package org.kubeedgej.edge.metaserver;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.kubeedgej.edge.metamanager.MetaRepository;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * MetaServer's read side of MetaManager's {@code meta} table: objects by resource, namespace and name. Rows that do
 * not parse (a key not of the form {@code <namespace>/<type>/<name>}, a value that is not a JSON object) are skipped
 * with a warning, so one bad row does not hide the rest.
 */
final class StoredObjects {

    private static final Logger LOG = Logger.getLogger(StoredObjects.class.getName());
    private static final Comparator<StoredObject> BY_NAMESPACE_AND_NAME = Comparator
            .comparing(StoredObject::namespace).thenComparing(StoredObject::name);

    private final MetaRepository repository;

    StoredObjects(MetaRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * @param resource what to read
     * @param namespace the namespace (ignored for cluster-scoped resources)
     * @param name the object's name
     * @return the object, if stored
     */
    Optional<StoredObject> get(KubeResource resource, String namespace, String name) {
        if (!resource.namespaced()) {
            // Nodes are stored under whatever namespace segment the cloud used; find them by name.
            return list(resource, null).stream().filter(o -> o.name().equals(name)).findFirst();
        }
        String key = ResourcePath.edge(namespace, resource.storedType(), name).toString();
        return repository.find(key).flatMap(json -> toObject(resource, key, namespace, name, json));
    }

    /**
     * @param resource what to read
     * @param namespace a namespace, or null for all (always all for cluster-scoped resources)
     * @return the objects, ordered by namespace and name as the API server orders them
     */
    List<StoredObject> list(KubeResource resource, String namespace) {
        List<StoredObject> objects = new ArrayList<>();
        for (Map.Entry<String, String> row : repository.findByType(resource.storedType()).entrySet()) {
            ResourcePath path;
            try {
                path = ResourcePath.parseEdge(row.getKey());
            } catch (RuntimeException e) {
                LOG.warning(() -> "MetaServer skips stored " + resource.singular() + " with malformed key "
                        + row.getKey());
                continue;
            }
            if (path.name().isEmpty() || (namespace != null && resource.namespaced()
                    && !namespace.equals(path.namespace()))) {
                continue;
            }
            toObject(resource, row.getKey(), path.namespace(), path.name(), row.getValue()).ifPresent(objects::add);
        }
        objects.sort(BY_NAMESPACE_AND_NAME);
        return objects;
    }

    private static Optional<StoredObject> toObject(KubeResource resource, String key, String namespace, String name,
            String json) {
        try {
            JsonObject object = KubeObjects.withTypeMeta(KubeObjects.parse(json), resource);
            return Optional.of(new StoredObject(key, namespace, name, object));
        } catch (JsonException | IllegalStateException | NullPointerException e) {
            LOG.warning(() -> "MetaServer skips stored " + key + ": its value is not a JSON object (" + e.getMessage()
                    + ")");
            return Optional.empty();
        }
    }
}

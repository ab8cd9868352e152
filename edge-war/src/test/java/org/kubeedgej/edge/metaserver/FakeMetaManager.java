package org.kubeedgej.edge.metaserver;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.function.Consumer;
import org.kubeedgej.edge.metamanager.StoredObjectEvent;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;

/** Does what MetaManager does with a cloud message (store, then fire StoredObjectEvent), and builds objects. */
final class FakeMetaManager {

    private final InMemoryMetaRepository repository;
    private Consumer<StoredObjectEvent> observer = e -> { };

    FakeMetaManager(InMemoryMetaRepository repository) {
        this.repository = repository;
    }

    /** @param observer what observes StoredObjectEvent (the MetaServer under test) */
    void observedBy(Consumer<StoredObjectEvent> newObserver) {
        this.observer = newObserver;
    }

    void insert(String key, JsonObject object) {
        store(Operations.INSERT, key, object);
    }

    void update(String key, JsonObject object) {
        store(Operations.UPDATE, key, object);
    }

    void delete(String key, JsonValue object) {
        store(Operations.DELETE, key, object);
    }

    private void store(String operation, String key, JsonValue content) {
        if (Operations.DELETE.equals(operation)) {
            repository.delete(key);
        } else {
            repository.save(key, ResourcePath.parseEdge(key).type(), content.toString());
        }
        observer.accept(new StoredObjectEvent(Message.newRequest(Groups.EDGECONTROLLER, Groups.RESOURCE, operation,
                key, content)));
    }

    /** A pod as the cloud sends it: no apiVersion or kind (as an informer's list items). */
    static JsonObject pod(String namespace, String name, long resourceVersion, Map<String, String> labels,
            String phase) {
        JsonObjectBuilder labelJson = Json.createObjectBuilder();
        labels.forEach(labelJson::add);
        return Json.createObjectBuilder()
                .add("metadata", Json.createObjectBuilder().add("name", name).add("namespace", namespace)
                        .add("uid", "uid-" + namespace + "-" + name)
                        .add("resourceVersion", Long.toString(resourceVersion)).add("labels", labelJson))
                .add("spec", Json.createObjectBuilder().add("nodeName", "edge-node").add("containers",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "main")
                                .add("image", "busybox:1.36"))))
                .add("status", Json.createObjectBuilder().add("phase", phase))
                .build();
    }

    static JsonObject pod(String namespace, String name, long resourceVersion) {
        return pod(namespace, name, resourceVersion, Map.of("app", name), "Running");
    }

    static JsonObject configMap(String namespace, String name, long resourceVersion, String value) {
        return Json.createObjectBuilder()
                .add("apiVersion", "v1").add("kind", "ConfigMap")
                .add("metadata", Json.createObjectBuilder().add("name", name).add("namespace", namespace)
                        .add("resourceVersion", Long.toString(resourceVersion)))
                .add("data", Json.createObjectBuilder().add("key", value))
                .build();
    }

    /** An object with metadata only (a secret, service or node), without apiVersion or kind. */
    static JsonObject named(String what, String namespace, String name, long resourceVersion) {
        JsonObjectBuilder metadata = Json.createObjectBuilder().add("name", name)
                .add("resourceVersion", Long.toString(resourceVersion))
                .add("annotations", Json.createObjectBuilder().add("test/what", what));
        if (namespace != null) {
            metadata.add("namespace", namespace);
        }
        return Json.createObjectBuilder().add("metadata", metadata).build();
    }
}

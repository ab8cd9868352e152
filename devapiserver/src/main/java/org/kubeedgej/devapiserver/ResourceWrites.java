package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates, updates and patches. Patches the mock lacks (strategic, RFC 7386 merge, JSON patch of custom objects) are
 * applied here to the object read and saved with a PUT that carries its resourceVersion, retried when another write
 * came in between; so is an update that must keep the stored status of a custom object.
 *
 * <p>A status write that carries a resourceVersion other than the stored one is refused with 409 Conflict, as
 * kube-apiserver refuses it: the mock checks the version on writes to the object but not on its status
 * subresource, so two writers that read the same version both won, the second putting back what the first had
 * replaced (CloudCore's twin and state writers of one Device did). Writes to one object go one at a time
 * ({@link ObjectLocks}), so the check and the write that follows it are one step.
 */
final class ResourceWrites {
    private static final String STRATEGIC = "application/strategic-merge-patch+json";
    private static final String MERGE = "application/merge-patch+json";
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final int ATTEMPTS = 5;

    /** A change computed from the current object (in the requested version). */
    private interface Change {
        JsonNode apply(JsonNode current) throws StatusException;
    }

    private final Backend backend;
    private final GracefulDeletion deletion;
    private final ObjectLocks locks;

    ResourceWrites(Backend backend, GracefulDeletion deletion, ObjectLocks locks) {
        this.backend = backend;
        this.deletion = deletion;
        this.locks = locks;
    }

    void create(HttpExchange exchange, ResourceTarget target) throws IOException, StatusException {
        ObjectNode object = writtenObject(exchange, target);
        if (target.guardsStatus()) {
            object.remove("status");
        }
        target.toStore(object);
        BackendAnswers.answer(exchange, target, Json.text(object, "metadata.name"), backend.send("POST",
                target.stored().collectionPath(), Json.bytes(object), "application/json"));
    }

    void replace(HttpExchange exchange, ResourceTarget target) throws IOException, StatusException {
        ObjectNode object = writtenObject(exchange, target);
        synchronized (locks.of(target.path())) {
            replaceLocked(exchange, target, object);
        }
    }

    private void replaceLocked(HttpExchange exchange, ResourceTarget target, ObjectNode object)
            throws IOException, StatusException {
        ResourcePath path = target.path();
        if (path.group().isEmpty() && path.resource().equals("pods") && path.name() != null) {
            deletion.keepMarks(path, object);
        }
        if ("status".equals(path.subresource()) && staleVersion(exchange, target, object)) {
            return;
        }
        if (!target.guardsStatus()) {
            target.toStore(object);
            BackendAnswers.answer(exchange, target, path.name(),
                    backend.send("PUT", target.stored().path(), Json.bytes(object), "application/json"));
            return;
        }
        boolean pinned = !Json.text(object, "metadata.resourceVersion").isEmpty();
        update(exchange, target, pinned, current -> {
            ObjectNode updated = object.deepCopy();
            if (!pinned) {
                Json.metadata(updated).set("resourceVersion", current.path("metadata").get("resourceVersion"));
            }
            return updated;
        });
    }

    void patch(HttpExchange exchange, ResourceTarget target) throws IOException, StatusException {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        byte[] body = RequestBodies.read(exchange);
        if (contentType.startsWith(JSON_PATCH) && !target.type().custom()) {
            BackendAnswers.answer(exchange, target, target.path().name(),
                    backend.send("PATCH", target.stored().path(), body, contentType));
            return;
        }
        if (!contentType.startsWith(STRATEGIC) && !contentType.startsWith(MERGE)
                && !contentType.startsWith(JSON_PATCH)) {
            throw new StatusException(StatusResponses.unsupportedMediaType(contentType));
        }
        JsonNode patch;
        try {
            patch = Json.parse(body);
        } catch (RuntimeException e) {
            throw new StatusException(StatusResponses.badRequest("the patch is not JSON: " + e.getMessage()));
        }
        boolean pinned = patch.path("metadata").has("resourceVersion");
        if (contentType.startsWith(STRATEGIC)) {
            update(exchange, target, pinned, current -> StrategicMergePatch.apply(current, patch));
        } else if (contentType.startsWith(MERGE)) {
            update(exchange, target, pinned, current -> JsonMergePatch.apply(current, patch));
        } else {
            update(exchange, target, false, current -> jsonPatch(current, patch));
        }
    }

    /**
     * @return whether the status write names a resourceVersion that is no longer the stored one, in which case the
     *         409 has been answered; a write without a version is unconditional, as in kube-apiserver
     */
    private boolean staleVersion(HttpExchange exchange, ResourceTarget target, ObjectNode object)
            throws IOException {
        String written = Json.text(object, "metadata.resourceVersion");
        if (written.isEmpty()) {
            return false;
        }
        Backend.Response current = backend.get(target.stored().objectPath());
        if (!current.ok() || written.equals(Json.text(current.json(), "metadata.resourceVersion"))) {
            return false; // a missing object is the write's own 404
        }
        Exchanges.sendStatus(exchange, StatusResponses.conflict(target.qualified(), target.path().name()));
        return true;
    }

    /** GET, change, PUT with the resourceVersion read; retried on a conflict unless the client pinned a version. */
    private void update(HttpExchange exchange, ResourceTarget target, boolean pinned, Change change)
            throws IOException, StatusException {
        synchronized (locks.of(target.path())) {
            updateLocked(exchange, target, pinned, change);
        }
    }

    private void updateLocked(HttpExchange exchange, ResourceTarget target, boolean pinned, Change change)
            throws IOException, StatusException {
        String path = target.stored().path();
        Backend.Response response = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Backend.Response current = backend.get(path);
            if (!current.ok()) {
                BackendAnswers.failure(exchange, target, target.path().name(), current);
                return;
            }
            JsonNode read = target.served(current.json());
            if (!(change.apply(read.deepCopy()) instanceof ObjectNode updated)) {
                throw new StatusException(StatusResponses.failure(422, "Invalid", "the patched object is not an "
                        + "object"));
            }
            if (target.guardsStatus()) {
                keepStatus(updated, read);
            }
            SecretData.normalize(target.path(), updated);
            target.toStore(updated);
            response = backend.put(path, updated);
            if (response.code() != 409 || pinned) {
                break;
            }
        }
        BackendAnswers.answer(exchange, target, target.path().name(), response);
    }

    /** The body of a create or update as an object; CRDs are marked Established as a real server soon does. */
    private static ObjectNode writtenObject(HttpExchange exchange, ResourceTarget target)
            throws IOException, StatusException {
        if (!(RequestBodies.json(exchange) instanceof ObjectNode object)) {
            throw new StatusException(StatusResponses.badRequest("the request body must be an object"));
        }
        ResourcePath path = target.path();
        if (path.group().equals("apiextensions.k8s.io") && path.resource().equals("customresourcedefinitions")) {
            CrdStatus.markEstablished(object);
        }
        SecretData.normalize(path, object);
        // kube-apiserver decodes a body without apiVersion or kind as the kind its URL names (client-go's and the
        // Java client's typed calls send none); the store needs them.
        if (object.path("apiVersion").asString("").isEmpty()) {
            object.put("apiVersion", path.groupVersion());
        }
        if (object.path("kind").asString("").isEmpty()) {
            object.put("kind", target.type().kind());
        }
        return object;
    }

    private static void keepStatus(ObjectNode updated, JsonNode current) {
        if (current.has("status")) {
            updated.set("status", current.get("status"));
        } else {
            updated.remove("status");
        }
    }

    private static JsonNode jsonPatch(JsonNode current, JsonNode patch) throws StatusException {
        try {
            return JsonPatch.apply(patch, current);
        } catch (RuntimeException e) {
            throw new StatusException(StatusResponses.failure(422, "Invalid", "the JSON patch cannot be applied: "
                    + e.getMessage()));
        }
    }
}

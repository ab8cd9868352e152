package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pod deletion as a real API server does it: a pod bound to a node is only marked (deletionTimestamp and
 * deletionGracePeriodSeconds) so the node's agent can stop its containers and then delete it with grace 0. Unbound
 * or finished pods, and any delete with grace 0, remove the pod at once.
 *
 * <p>The mock removes any object stored with a deletionTimestamp and no finalizer, so a marked pod is stored with a
 * private finalizer ({@link #HOLD}) that this server adds back on updates and hides from every answer.
 */
final class GracefulDeletion {
    static final String HOLD = "devapiserver.kubeedge-j.org/graceful-deletion";
    private static final long DEFAULT_GRACE_SECONDS = 30;

    private final Backend backend;
    private final ObjectLocks locks;

    private static final int CONFLICT = 409;
    private static final int CONFLICT_RETRIES = 10;

    GracefulDeletion(Backend backend, ObjectLocks locks) {
        this.backend = backend;
        this.locks = locks;
    }

    /** The outcome of a DELETE: the HTTP code and the body to answer. */
    record Result(int code, JsonNode body) {
    }

    Result delete(ResourcePath path, Map<String, String> query, JsonNode options) throws IOException {
        // kube-apiserver retries its read-modify-write when the object changed underneath (GuaranteedUpdate): a
        // DELETE without preconditions never answers 409 because a status write came in between.
        synchronized (locks.of(path)) {
            Result result = attempt(path, query, options);
            for (int retry = 0; retry < CONFLICT_RETRIES && result.code() == CONFLICT; retry++) {
                result = attempt(path, query, options);
            }
            return result;
        }
    }

    private Result attempt(ResourcePath path, Map<String, String> query, JsonNode options) throws IOException {
        Backend.Response current = backend.get(path.objectPath());
        if (!current.ok()) {
            return failure(path, current);
        }
        ObjectNode pod = (ObjectNode) current.json();
        ObjectNode metadata = Json.metadata(pod);
        Long requested = requestedGrace(query, options);
        String phase = Json.text(pod, "status.phase");
        boolean bound = !Json.text(pod, "spec.nodeName").isEmpty();
        boolean finished = phase.equals("Succeeded") || phase.equals("Failed");
        if (!bound || finished || (requested != null && requested == 0)) {
            if (!removeHold(metadata)) {
                Backend.Response deleted = backend.send("DELETE", path.objectPath(), null, null);
                return deleted.ok() ? new Result(200, hide(deleted.json())) : failure(path, deleted);
            }
            // Dropping the last finalizer of a marked object is what makes the mock remove it (watchers: DELETED).
            Backend.Response released = backend.put(path.objectPath(), pod);
            return released.ok() ? new Result(200, hide(pod)) : failure(path, released);
        }
        if (metadata.has("deletionTimestamp")) {
            return new Result(200, hide(pod));
        }
        long grace = requested != null ? requested
                : pod.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_GRACE_SECONDS);
        metadata.put("deletionTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("deletionGracePeriodSeconds", grace);
        finalizers(metadata).add(HOLD);
        // The PUT carries the resourceVersion just read, so a concurrent change makes it fail instead of being lost.
        Backend.Response marked = backend.put(path.objectPath(), pod);
        return marked.ok() ? new Result(200, hide(marked.json())) : failure(path, marked);
    }

    /** Before an update of a marked pod: keep the hold and the deletion marks a client cannot change. */
    void keepMarks(ResourcePath path, ObjectNode update) throws IOException {
        Backend.Response current = backend.get(path.objectPath());
        if (!current.ok()) {
            return;
        }
        JsonNode stored = current.json().path("metadata");
        if (!stored.path("finalizers").toString().contains(HOLD)) {
            return;
        }
        ObjectNode metadata = Json.metadata(update);
        metadata.set("deletionTimestamp", stored.get("deletionTimestamp"));
        metadata.set("deletionGracePeriodSeconds", stored.get("deletionGracePeriodSeconds"));
        if (!metadata.path("finalizers").toString().contains(HOLD)) {
            finalizers(metadata).add(HOLD);
        }
    }

    /** Removes the private finalizer from an object, a list's items or a watch event's object, in place. */
    static JsonNode hide(JsonNode node) {
        if (node instanceof ObjectNode object) {
            node.path("items").forEach(GracefulDeletion::hide);
            if (object.get("object") instanceof ObjectNode eventObject) {
                hide(eventObject);
            }
            if (object.get("metadata") instanceof ObjectNode metadata) {
                removeHold(metadata);
            }
        }
        return node;
    }

    private static boolean removeHold(ObjectNode metadata) {
        if (!(metadata.get("finalizers") instanceof ArrayNode finalizers)) {
            return false;
        }
        for (int i = 0; i < finalizers.size(); i++) {
            if (HOLD.equals(finalizers.get(i).asString())) {
                finalizers.remove(i);
                if (finalizers.isEmpty()) {
                    metadata.remove("finalizers");
                }
                return true;
            }
        }
        return false;
    }

    private static ArrayNode finalizers(ObjectNode metadata) {
        return metadata.get("finalizers") instanceof ArrayNode existing ? existing : metadata.putArray("finalizers");
    }

    private static Result failure(ResourcePath path, Backend.Response response) {
        return new Result(response.code(), StatusResponses.fromBackend(response.code(), response.body(),
                path.resource(), path.name()));
    }

    /** gracePeriodSeconds from the query, else from the DeleteOptions body, else null. */
    private static Long requestedGrace(Map<String, String> query, JsonNode options) {
        String fromQuery = query.get("gracePeriodSeconds");
        if (fromQuery != null && !fromQuery.isBlank()) {
            return Long.parseLong(fromQuery.trim());
        }
        return options.path("gracePeriodSeconds").isNumber() ? options.path("gracePeriodSeconds").asLong() : null;
    }
}

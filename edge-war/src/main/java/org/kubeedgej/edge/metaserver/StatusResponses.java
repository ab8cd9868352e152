package org.kubeedgej.edge.metaserver;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Kubernetes {@code Status} objects for failures, shaped as the API server's so clients read the reason: the
 * official clients turn {@code reason} and {@code code} into their exceptions (NotFound, Expired, ...).
 */
final class StatusResponses {

    private StatusResponses() {
        throw new AssertionError("no instances");
    }

    /** @return 404 for an object that is not stored */
    static JsonObject notFound(KubeResource resource, String name) {
        return status(404, "NotFound", resource.plural() + " \"" + name + "\" not found",
                Json.createObjectBuilder().add("name", name).add("kind", resource.plural()));
    }

    /** @return 404 for a path MetaServer does not serve */
    static JsonObject pathNotFound(String path) {
        return status(404, "NotFound", "the server could not find the requested resource (" + path
                + "); MetaServer serves get, list and watch of pods, configmaps, secrets, services and nodes", null);
    }

    /** @return 401 for Secrets asked for without MetaServer's token */
    static JsonObject unauthorized(String tokenFile) {
        return status(401, "Unauthorized", "MetaServer serves Secrets only to clients that send its token:"
                + " Authorization: Bearer <the contents of " + tokenFile + ">", null);
    }

    /** @return 405 for a write: MetaServer is read-only */
    static JsonObject methodNotAllowed(String method, String path) {
        return status(405, "MethodNotAllowed", method + " " + path + " is not allowed: MetaServer is read-only"
                + " (get, list and watch with GET)", null);
    }

    /** @return 400 for a query that cannot be served */
    static JsonObject badRequest(String message) {
        return status(400, "BadRequest", message, null);
    }

    /** @return 429 when every watch slot is taken */
    static JsonObject tooManyWatches(int maxWatches) {
        return status(429, "TooManyRequests", "MetaServer has " + maxWatches + " watches open, its limit"
                + " (modules.metaManager.metaServer.maxWatches); retry later", null);
    }

    /** @return 410 for a watch from a resourceVersion whose changes are no longer kept (sent as an ERROR event) */
    static JsonObject expired(long requested, long oldest) {
        return status(410, "Expired", "too old resource version: " + requested + " (" + oldest + ")", null);
    }

    /** @return 503 when the edge database cannot be read */
    static JsonObject unavailable(String message) {
        return status(503, "ServiceUnavailable", message, null);
    }

    /** @return 500 for a failure of MetaServer itself */
    static JsonObject internalError(String message) {
        return status(500, "InternalError", message, null);
    }

    private static JsonObject status(int code, String reason, String message, JsonObjectBuilder details) {
        JsonObjectBuilder status = Json.createObjectBuilder()
                .add(KubeObjects.KIND, "Status")
                .add(KubeObjects.API_VERSION, KubeResource.API_VERSION)
                .add(KubeObjects.METADATA, Json.createObjectBuilder())
                .add("status", "Failure")
                .add("message", message)
                .add("reason", reason);
        if (details != null) {
            status.add("details", details);
        }
        return status.add("code", code).build();
    }
}

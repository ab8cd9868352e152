package org.kubeedgej.devapiserver;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code Status} objects the way a real API server words them, because clients branch on reason and code
 * (client-java's ApiException, kubectl's "AlreadyExists" handling) and the mock answers 404 with an empty body and
 * 409 with reason "Invalid".
 */
final class StatusResponses {
    private StatusResponses() {
    }

    static ObjectNode failure(int code, String reason, String message) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        return status;
    }

    static ObjectNode failure(int code, String reason, String message, String resource, String name) {
        ObjectNode status = failure(code, reason, message);
        ObjectNode details = status.putObject("details");
        if (name != null) {
            details.put("name", name);
        }
        details.put("kind", resource);
        return status;
    }

    /** The success Status a real server answers to the delete of most built-in kinds. */
    static ObjectNode deleted(JsonNode object, String resource) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details = status.putObject("details");
        details.put("name", Json.text(object, "metadata.name"));
        details.put("kind", resource);
        details.put("uid", Json.text(object, "metadata.uid"));
        return status;
    }

    static ObjectNode notFound(String resource, String name) {
        return failure(404, "NotFound", resource + " \"" + name + "\" not found", resource, name);
    }

    static ObjectNode alreadyExists(String resource, String name) {
        return failure(409, "AlreadyExists", resource + " \"" + name + "\" already exists", resource, name);
    }

    static ObjectNode conflict(String resource, String name) {
        return failure(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again",
                resource, name);
    }

    static ObjectNode badRequest(String message) {
        return failure(400, "BadRequest", message);
    }

    static ObjectNode methodNotAllowed(String method) {
        return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource ("
                + method + ")");
    }

    static ObjectNode unsupportedMediaType(String contentType) {
        return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted "
                + "media types include: application/json-patch+json, application/merge-patch+json, "
                + "application/strategic-merge-patch+json (got " + contentType + ")");
    }

    /** Rewrites a failed answer of the mock into a real-looking Status for the resource and name addressed. */
    static ObjectNode fromBackend(int code, byte[] body, String resource, String name) {
        String shown = name == null ? "" : name;
        String message = Json.text(safeParse(body), "message");
        return switch (code) {
            case 404 -> notFound(resource, shown);
            case 409 -> message.contains("already exists") ? alreadyExists(resource, shown) : conflict(resource, shown);
            case 400 -> badRequest(message.isEmpty() ? new String(body, StandardCharsets.UTF_8) : message);
            case 405 -> failure(405, "MethodNotAllowed", message.isEmpty() ? "method not allowed" : message);
            case 415 -> failure(415, "UnsupportedMediaType", message);
            case 422 -> failure(422, "Invalid", message.isEmpty() ? "invalid object" : message, resource, name);
            default -> failure(code, code >= 500 ? "InternalError" : "BadRequest",
                    message.isEmpty() ? "request failed with HTTP " + code : message);
        };
    }

    private static JsonNode safeParse(byte[] body) {
        try {
            return Json.parse(body);
        } catch (RuntimeException notJson) {
            return Json.object();
        }
    }
}

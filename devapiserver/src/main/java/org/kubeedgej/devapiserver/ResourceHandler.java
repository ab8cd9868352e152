package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests on resources: forwards the plain CRUD ones to the mock with only the query parameters it understands,
 * and adds what it lacks (watch, strategic and RFC 7386 merge patch, Tables, field selectors, graceful pod deletion, Established
 * CRDs, real-looking Status errors).
 */
final class ResourceHandler {
    private static final String STRATEGIC = "application/strategic-merge-patch+json";
    private static final int PATCH_ATTEMPTS = 5;

    private final Backend backend;
    private final ApiCatalog catalog;
    private final WatchBridge watches;
    private final GracefulDeletion deletion;

    ResourceHandler(Backend backend, ApiCatalog catalog, WatchBridge watches) {
        this.backend = backend;
        this.catalog = catalog;
        this.watches = watches;
        this.deletion = new GracefulDeletion(backend);
    }

    void handle(HttpExchange exchange, ResourcePath path) throws IOException {
        Optional<ResourceType> type = catalog.find(path.group(), path.version(), path.resource());
        if (type.isEmpty()) {
            Exchanges.sendStatus(exchange, StatusResponses.failure(404, "NotFound",
                    "the server could not find the requested resource"));
            return;
        }
        Map<String, String> query = Exchanges.query(exchange);
        String method = exchange.getRequestMethod();
        switch (method) {
            case "GET" -> {
                String watch = query.getOrDefault("watch", "false");
                if (watch.equals("true") || watch.equals("1")) {
                    watches.watch(exchange, path, query);
                } else {
                    get(exchange, path, type.get(), query);
                }
            }
            case "POST" -> write(exchange, path, "POST", Exchanges.body(exchange));
            case "PUT" -> write(exchange, path, "PUT", Exchanges.body(exchange));
            case "PATCH" -> patch(exchange, path);
            case "DELETE" -> delete(exchange, path, query);
            default -> Exchanges.sendStatus(exchange, StatusResponses.methodNotAllowed(method));
        }
    }

    private void get(HttpExchange exchange, ResourcePath path, ResourceType type, Map<String, String> query)
            throws IOException {
        String labels = query.get("labelSelector");
        Backend.Response response = backend.get(path.path()
                + (labels == null || labels.isBlank() ? "" : "?labelSelector=" + Exchanges.encode(labels)));
        if (!response.ok()) {
            answerFailure(exchange, path, path.name(), response);
            return;
        }
        ObjectNode result = (ObjectNode) response.json();
        if (path.name() == null) {
            FieldSelector selector = FieldSelector.parse(query.get("fieldSelector"));
            ArrayNode kept = Json.array();
            result.path("items").forEach(item -> {
                if (selector.matches(item)) {
                    kept.add(item);
                }
            });
            result.set("items", kept);
            // The mock calls every list "List"; typed clients expect e.g. PodList.
            result.put("kind", type.kind() + "List");
            result.put("apiVersion", type.groupVersion());
        }
        GracefulDeletion.hide(result);
        Exchanges.sendJson(exchange, 200,
                Exchanges.wantsTable(exchange) ? TableConverter.toTable(path.resource(), result) : result);
    }

    private void write(HttpExchange exchange, ResourcePath path, String method, byte[] body) throws IOException {
        JsonNode parsed;
        try {
            parsed = Json.parse(body);
        } catch (RuntimeException e) {
            Exchanges.sendStatus(exchange, StatusResponses.badRequest("the request body is not JSON: " + e));
            return;
        }
        if (!parsed.isObject()) {
            Exchanges.sendStatus(exchange, StatusResponses.badRequest("the request body must be a JSON object"));
            return;
        }
        ObjectNode object = (ObjectNode) parsed;
        if (path.group().equals("apiextensions.k8s.io") && path.resource().equals("customresourcedefinitions")) {
            CrdStatus.markEstablished(object);
        }
        if (method.equals("PUT") && isPod(path)) {
            deletion.keepMarks(path, object);
        }
        String name = path.name() != null ? path.name() : Json.text(object, "metadata.name");
        String target = method.equals("POST") ? path.collectionPath() : path.path();
        Backend.Response response = backend.send(method, target, Json.bytes(object), "application/json");
        answer(exchange, path, name, response);
    }

    private void patch(HttpExchange exchange, ResourcePath path) throws IOException {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        byte[] body = Exchanges.body(exchange);
        if (contentType.startsWith(STRATEGIC)) {
            mergingPatch(exchange, path, Json.parse(body), StrategicMergePatch::apply);
        } else if (contentType.startsWith("application/merge-patch+json")) {
            mergingPatch(exchange, path, Json.parse(body), JsonMergePatch::apply);
        } else if (contentType.startsWith("application/json-patch+json")) {
            answer(exchange, path, path.name(), backend.send("PATCH", path.path(), body, contentType));
        } else {
            Exchanges.sendStatus(exchange, StatusResponses.unsupportedMediaType(contentType));
        }
    }

    /** GET, merge, PUT with the resourceVersion read; retried when someone else wrote in between. */
    private void mergingPatch(HttpExchange exchange, ResourcePath path, JsonNode patch,
            java.util.function.BinaryOperator<JsonNode> merge) throws IOException {
        boolean pinnedVersion = patch.path("metadata").has("resourceVersion");
        Backend.Response response = null;
        for (int attempt = 0; attempt < PATCH_ATTEMPTS; attempt++) {
            Backend.Response current = backend.get(path.path());
            if (!current.ok()) {
                answerFailure(exchange, path, path.name(), current);
                return;
            }
            JsonNode merged = merge.apply(current.json(), patch);
            response = backend.put(path.path(), merged);
            if (response.code() != 409 || pinnedVersion) {
                break;
            }
        }
        answer(exchange, path, path.name(), response);
    }

    private void delete(HttpExchange exchange, ResourcePath path, Map<String, String> query) throws IOException {
        byte[] body = Exchanges.body(exchange);
        if (isPod(path) && path.subresource() == null) {
            GracefulDeletion.Result result = deletion.delete(path, query, body);
            Exchanges.sendJson(exchange, result.code(), result.body());
            return;
        }
        Backend.Response response = backend.send("DELETE", path.path(), null, null);
        boolean builtIn = path.group().isEmpty() || path.group().endsWith("k8s.io") || path.group().equals("apps");
        if (response.ok() && builtIn && path.name() != null) {
            // Typed clients decode a delete of a built-in kind other than a pod as a Status, not as the object.
            Exchanges.sendJson(exchange, 200, StatusResponses.deleted(response.json(), path.resource()));
            return;
        }
        answer(exchange, path, path.name(), response);
    }

    private void answer(HttpExchange exchange, ResourcePath path, String name, Backend.Response response)
            throws IOException {
        if (response.ok()) {
            JsonNode body = response.json();
            if (body.isObject()) {
                Exchanges.sendJson(exchange, response.code(), GracefulDeletion.hide(body));
            } else {
                Exchanges.send(exchange, response.code(), "application/json", response.body());
            }
        } else {
            answerFailure(exchange, path, name, response);
        }
    }

    private static void answerFailure(HttpExchange exchange, ResourcePath path, String name, Backend.Response response)
            throws IOException {
        Exchanges.sendStatus(exchange, StatusResponses.fromBackend(response.code(), response.body(),
                qualified(path), name));
    }

    private static boolean isPod(ResourcePath path) {
        return path.group().isEmpty() && path.resource().equals("pods") && path.name() != null;
    }

    /** How a real server names the resource in messages: "pods", "devices.kubeedge.io". */
    private static String qualified(ResourcePath path) {
        return path.group().isEmpty() ? path.resource() : path.resource() + "." + path.group();
    }
}

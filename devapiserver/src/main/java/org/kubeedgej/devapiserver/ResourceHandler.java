package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests on resources: reads, watches and deletes here, writes in {@link ResourceWrites}. Forwards to the mock
 * with only the query parameters it understands, and adds what it lacks (watch, Tables, field selectors, graceful pod
 * deletion, one store for all versions of a custom resource, real-looking Status errors).
 */
final class ResourceHandler {
    private final Backend backend;
    private final ApiCatalog catalog;
    private final WatchBridge watches;
    private final GracefulDeletion deletion;
    private final ResourceWrites writes;

    private final PodLogProxy logs;

    ResourceHandler(Backend backend, ApiCatalog catalog, WatchBridge watches, KubeletClient kubelet) {
        this.logs = kubelet == null ? null : new PodLogProxy(backend, kubelet);
        this.backend = backend;
        this.catalog = catalog;
        this.watches = watches;
        ObjectLocks locks = new ObjectLocks();
        this.deletion = new GracefulDeletion(backend, locks);
        this.writes = new ResourceWrites(backend, deletion, locks);
    }

    private static final java.util.Set<String> KUBELET_SUBRESOURCES = java.util.Set.of("log", "exec", "attach",
            "portforward", "proxy");

    void handle(HttpExchange exchange, ResourcePath path) throws IOException, StatusException {
        Optional<ResourceType> type = catalog.find(path.group(), path.version(), path.resource());
        ResourceTarget target = type.map(found -> new ResourceTarget(path, found)).orElse(null);
        if (target != null && path.group().isEmpty() && "pods".equals(path.resource())
                && path.subresource() != null && KUBELET_SUBRESOURCES.contains(path.subresource())) {
            if ("log".equals(path.subresource()) && logs != null && "GET".equals(exchange.getRequestMethod())) {
                logs.handle(exchange, path);
                return;
            }
            if (!"proxy".equals(path.subresource()) && !"log".equals(path.subresource())) {
                // Upgrades of these never reach here (UpgradeFront takes them); a plain request is refused as by
                // kube-apiserver.
                Exchanges.sendStatus(exchange, StatusResponses.badRequest("Upgrade request required"));
                return;
            }
            Exchanges.sendStatus(exchange, StatusResponses.failure(502, "ServiceUnavailable", "pods/"
                    + path.subresource() + " is proxied to the node's kubelet; the development API server "
                    + (logs == null ? "has no kubelet client certificate (--kubelet-client-p12)"
                    : "proxies pods/log, exec, attach and portforward, not " + path.subresource())));
            return;
        }
        if (target == null || !target.subresourceExists()) {
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
                    watches.watch(exchange, target, query);
                } else {
                    get(exchange, target, query);
                }
            }
            case "POST" -> writes.create(exchange, target);
            case "PUT" -> writes.replace(exchange, target);
            case "PATCH" -> writes.patch(exchange, target);
            case "DELETE" -> delete(exchange, target, query);
            default -> Exchanges.sendStatus(exchange, StatusResponses.methodNotAllowed(method));
        }
    }

    private void get(HttpExchange exchange, ResourceTarget target, Map<String, String> query) throws IOException {
        ResourcePath path = target.path();
        String labels = query.get("labelSelector");
        Backend.Response response = backend.get(target.stored().path()
                + (labels == null || labels.isBlank() ? "" : "?labelSelector=" + Exchanges.encode(labels)));
        if (!response.ok()) {
            BackendAnswers.failure(exchange, target, path.name(), response);
            return;
        }
        ObjectNode result = (ObjectNode) target.served(response.json());
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
            result.put("kind", target.type().kind() + "List");
            result.put("apiVersion", target.type().groupVersion());
        }
        GracefulDeletion.hide(result);
        Exchanges.sendJson(exchange, 200,
                Exchanges.wantsTable(exchange) ? TableConverter.toTable(path.resource(), result) : result);
    }

    private void delete(HttpExchange exchange, ResourceTarget target, Map<String, String> query)
            throws IOException, StatusException {
        ResourcePath path = target.path();
        // DeleteOptions, as JSON or (from protobuf clients such as client-go) protobuf.
        JsonNode options = RequestBodies.json(exchange);
        if (path.group().isEmpty() && path.resource().equals("pods") && path.name() != null
                && path.subresource() == null) {
            GracefulDeletion.Result result = deletion.delete(path, query, options);
            Exchanges.sendJson(exchange, result.code(), result.body());
            return;
        }
        Backend.Response response = backend.send("DELETE", target.stored().path(), null, null);
        boolean builtIn = path.group().isEmpty() || path.group().endsWith("k8s.io") || path.group().equals("apps");
        if (response.ok() && builtIn && path.name() != null) {
            // Typed clients decode a delete of a built-in kind other than a pod as a Status, not as the object.
            Exchanges.sendJson(exchange, 200, StatusResponses.deleted(response.json(), path.resource()));
            return;
        }
        BackendAnswers.answer(exchange, target, path.name(), response);
    }
}

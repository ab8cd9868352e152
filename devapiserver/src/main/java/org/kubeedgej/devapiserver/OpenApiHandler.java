package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal OpenAPI v3: per group/version one PATCH operation per kind, tagged with its group/version/kind and
 * carrying a fieldValidation parameter. That is what kubectl looks for before it trusts the server with field
 * validation (instead of validating client-side against a full schema, which this server does not have).
 */
final class OpenApiHandler {
    private final ApiCatalog catalog;

    OpenApiHandler(ApiCatalog catalog) {
        this.catalog = catalog;
    }

    void handle(HttpExchange exchange, List<String> parts) throws IOException {
        Map<String, List<ResourceType>> groups = catalog.byGroupVersion();
        if (parts.size() == 2 && parts.get(1).equals("v3")) {
            ObjectNode root = Json.object();
            ObjectNode paths = root.putObject("paths");
            groups.values().forEach(types -> {
                String gvPath = types.get(0).gvPath();
                // The hash only has to change when the document does, so a client cache never serves a stale one.
                int hash = types.stream().map(ResourceType::toString).toList().hashCode();
                paths.putObject(gvPath).put("serverRelativeURL",
                        "/openapi/v3/" + gvPath + "?hash=" + Integer.toHexString(hash));
            });
            Exchanges.sendJson(exchange, 200, root);
            return;
        }
        if (parts.size() >= 3 && parts.get(1).equals("v3")) {
            String gvPath = String.join("/", parts.subList(2, parts.size()));
            for (List<ResourceType> types : groups.values()) {
                if (types.get(0).gvPath().equals(gvPath)) {
                    Exchanges.sendJson(exchange, 200, document(types));
                    return;
                }
            }
        }
        Exchanges.sendStatus(exchange, StatusResponses.failure(404, "NotFound",
                "the server could not find the requested resource"));
    }

    private static ObjectNode document(List<ResourceType> types) {
        ObjectNode document = Json.object();
        document.put("openapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", VersionInfo.GIT_VERSION);
        ObjectNode paths = document.putObject("paths");
        for (ResourceType type : types) {
            String path = "/" + type.gvPath() + (type.namespaced() ? "/namespaces/{namespace}/" : "/")
                    + type.plural() + "/{name}";
            ObjectNode patch = paths.putObject(path).putObject("patch");
            patch.put("operationId", "patch" + type.kind());
            patch.putArray("tags").add(type.group().isEmpty() ? "core_v1" : type.group() + "_" + type.version());
            ObjectNode parameter = patch.putArray("parameters").addObject();
            parameter.put("name", "fieldValidation");
            parameter.put("in", "query");
            parameter.put("description", "Strict, Warn or Ignore: unknown and duplicate fields");
            parameter.putObject("schema").put("type", "string");
            patch.putObject("responses").putObject("200").put("description", "OK");
            patch.put("x-kubernetes-action", "patch");
            ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
            gvk.put("group", type.group());
            gvk.put("version", type.version());
            gvk.put("kind", type.kind());
        }
        document.putObject("components").putObject("schemas");
        return document;
    }
}

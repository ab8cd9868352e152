package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import io.fabric8.kubernetes.client.utils.KubernetesVersionPriority;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Legacy (unaggregated) discovery: /api, /apis, /api/v1, /apis/G and /apis/G/V. kubectl and client-java's
 * informers map kinds to resources with it; answering plain application/json makes kubectl fall back from
 * aggregated discovery.
 */
final class DiscoveryHandler {
    private final ApiCatalog catalog;

    private final AggregatedApis aggregated;

    DiscoveryHandler(ApiCatalog catalog, AggregatedApis aggregated) {
        this.catalog = catalog;
        this.aggregated = aggregated;
    }

    /** The catalog's groups, and the aggregated group/versions (with no types here: their server lists them). */
    private Map<String, List<ResourceType>> groupsWithAggregated() throws IOException {
        Map<String, List<ResourceType>> groups = new java.util.LinkedHashMap<>(catalog.byGroupVersion());
        for (AggregatedApis.Registration r : aggregated.all()) {
            groups.putIfAbsent(r.groupVersion(), List.of(new ResourceType(r.group(), r.version(), "", "", "", false,
                    List.of(), false, false)));
        }
        return groups;
    }

    /** Answers a discovery path; false when the path is not one (then it may be a resource path). */
    boolean handle(HttpExchange exchange, List<String> parts) throws IOException {
        Map<String, List<ResourceType>> groups = groupsWithAggregated();
        if (parts.equals(List.of("api"))) {
            ObjectNode versions = Json.object();
            versions.put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
            address.put("clientCIDR", "0.0.0.0/0");
            address.put("serverAddress", exchange.getLocalAddress().getHostString() + ":"
                    + exchange.getLocalAddress().getPort());
            Exchanges.sendJson(exchange, 200, versions);
            return true;
        }
        if (parts.equals(List.of("apis"))) {
            ObjectNode list = Json.object();
            list.put("kind", "APIGroupList");
            list.put("apiVersion", "v1");
            ArrayNode items = list.putArray("groups");
            for (String group : groupNames(groups)) {
                items.add(group(group, groups));
            }
            Exchanges.sendJson(exchange, 200, list);
            return true;
        }
        if (parts.size() == 2 && parts.get(0).equals("api")) {
            return answerResources(exchange, parts.get(1), groups);
        }
        if (parts.size() == 2 && parts.get(0).equals("apis")) {
            if (!groupNames(groups).contains(parts.get(1))) {
                Exchanges.sendStatus(exchange, StatusResponses.failure(404, "NotFound", "the server could not find "
                        + "the requested resource"));
                return true;
            }
            ObjectNode group = group(parts.get(1), groups);
            group.put("kind", "APIGroup");
            group.put("apiVersion", "v1");
            Exchanges.sendJson(exchange, 200, group);
            return true;
        }
        if (parts.size() == 3 && parts.get(0).equals("apis")) {
            return answerResources(exchange, parts.get(1) + "/" + parts.get(2), groups);
        }
        return false;
    }

    private boolean answerResources(HttpExchange exchange, String groupVersion, Map<String, List<ResourceType>> groups)
            throws IOException {
        List<ResourceType> types = groups.get(groupVersion);
        if (types == null) {
            Exchanges.sendStatus(exchange, StatusResponses.failure(404, "NotFound",
                    "the server could not find the requested resource"));
            return true;
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", groupVersion);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode resource = resources.addObject();
            resource.put("name", type.plural());
            resource.put("singularName", type.singular());
            resource.put("namespaced", type.namespaced());
            resource.put("kind", type.kind());
            ArrayNode verbs = resource.putArray("verbs");
            ResourceType.VERBS.forEach(verbs::add);
            if (!type.shortNames().isEmpty()) {
                ArrayNode shortNames = resource.putArray("shortNames");
                type.shortNames().forEach(shortNames::add);
            }
            if (type.group().isEmpty() || type.group().equals("apps")) {
                resource.putArray("categories").add("all");
            }
            if (type.hasStatus()) {
                ObjectNode status = resources.addObject();
                status.put("name", type.plural() + "/status");
                status.put("singularName", "");
                status.put("namespaced", type.namespaced());
                status.put("kind", type.kind());
                status.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        Exchanges.sendJson(exchange, 200, list);
        return true;
    }

    private static java.util.Set<String> groupNames(Map<String, List<ResourceType>> groups) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        groups.values().forEach(types -> types.stream()
                .filter(type -> !type.group().isEmpty()).forEach(type -> names.add(type.group())));
        return names;
    }

    /**
     * A group with its versions in Kubernetes' priority order (GA, then beta, then alpha, higher numbers first:
     * v1 > v1beta2 > v1beta1 > v1alpha1); the first is the preferred version, the one kubectl reads a kind in.
     */
    private static ObjectNode group(String name, Map<String, List<ResourceType>> groups) {
        ObjectNode group = Json.object();
        group.put("name", name);
        ArrayNode versions = group.putArray("versions");
        List<String> names = groups.keySet().stream().filter(gv -> gv.startsWith(name + "/"))
                .map(gv -> gv.substring(name.length() + 1)).toList();
        KubernetesVersionPriority.sortByPriority(names, Function.identity()).forEach(version -> {
            ObjectNode entry = versions.addObject();
            entry.put("groupVersion", name + "/" + version);
            entry.put("version", version);
        });
        group.set("preferredVersion", versions.get(0).deepCopy());
        return group;
    }
}

package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What resources the server serves: a fixed list of built-in kinds plus every served version of every stored CRD,
 * read from the store on each call so that CRDs created later show up in discovery and OpenAPI at once.
 */
final class ApiCatalog {
    static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private static final List<ResourceType> BUILT_IN = List.of(
            core("pods", "Pod", true, true, "po"),
            core("nodes", "Node", false, true, "no"),
            core("namespaces", "Namespace", false, true, "ns"),
            core("configmaps", "ConfigMap", true, false, "cm"),
            core("secrets", "Secret", true, false),
            core("services", "Service", true, true, "svc"),
            core("serviceaccounts", "ServiceAccount", true, false, "sa"),
            core("endpoints", "Endpoints", true, false, "ep"),
            core("events", "Event", true, false, "ev"),
            core("persistentvolumes", "PersistentVolume", false, true, "pv"),
            core("persistentvolumeclaims", "PersistentVolumeClaim", true, true, "pvc"),
            apps("deployments", "Deployment", "deploy"),
            apps("daemonsets", "DaemonSet", "ds"),
            apps("replicasets", "ReplicaSet", "rs"),
            apps("statefulsets", "StatefulSet", "sts"),
            new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), false, false),
            // deploy/ha applies PodDisruptionBudgets; stored and served, no eviction API to enforce them.
            new ResourceType("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget",
                    true, List.of("pdb"), true, false),
            rbac("roles", "Role", true),
            rbac("rolebindings", "RoleBinding", true),
            rbac("clusterroles", "ClusterRole", false),
            rbac("clusterrolebindings", "ClusterRoleBinding", false),
            new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
                    "CustomResourceDefinition", false, List.of("crd", "crds"), true, false),
            new ResourceType("apiregistration.k8s.io", "v1", "apiservices", "apiservice", "APIService", false,
                    List.of(), true, false));

    private final Backend backend;

    ApiCatalog(Backend backend) {
        this.backend = backend;
    }

    private static ResourceType core(String plural, String kind, boolean namespaced, boolean status, String... shorts) {
        return new ResourceType("", "v1", plural, kind.toLowerCase(), kind, namespaced, List.of(shorts), status,
                false);
    }

    private static ResourceType apps(String plural, String kind, String shortName) {
        return new ResourceType("apps", "v1", plural, kind.toLowerCase(), kind, true, List.of(shortName), true,
                false);
    }

    /** RBAC objects are stored and served (deploy/ applies them); this server does not enforce them. */
    private static ResourceType rbac(String plural, String kind, boolean namespaced) {
        return new ResourceType("rbac.authorization.k8s.io", "v1", plural, kind.toLowerCase(), kind, namespaced,
                List.of(), false, false);
    }

    /** Built-in kinds followed by those of the stored CRDs. */
    List<ResourceType> all() throws IOException {
        List<ResourceType> types = new ArrayList<>(BUILT_IN);
        types.addAll(customTypes());
        return types;
    }

    /** Resource types grouped by "group/version", in a stable order (core first). */
    Map<String, List<ResourceType>> byGroupVersion() throws IOException {
        Map<String, List<ResourceType>> result = new LinkedHashMap<>();
        for (ResourceType type : all()) {
            result.computeIfAbsent(type.groupVersion(), key -> new ArrayList<>()).add(type);
        }
        return result;
    }

    Optional<ResourceType> find(String group, String version, String plural) throws IOException {
        for (ResourceType type : all()) {
            if (type.group().equals(group) && type.version().equals(version) && type.plural().equals(plural)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private List<ResourceType> customTypes() throws IOException {
        List<ResourceType> types = new ArrayList<>();
        Backend.Response response = backend.get(CRD_PATH);
        if (!response.ok()) {
            return types;
        }
        for (JsonNode crd : response.json().path("items")) {
            JsonNode spec = crd.path("spec");
            JsonNode names = spec.path("names");
            List<String> shortNames = new ArrayList<>();
            names.path("shortNames").forEach(shortName -> shortNames.add(shortName.asString()));
            String plural = names.path("plural").asString();
            String singular = names.path("singular").asString(plural);
            for (JsonNode version : spec.path("versions")) {
                if (version.path("served").asBoolean(true)) {
                    types.add(new ResourceType(spec.path("group").asString(), version.path("name").asString(),
                            plural, singular.isEmpty() ? plural : singular, names.path("kind").asString(),
                            !"Cluster".equals(spec.path("scope").asString()), shortNames,
                            version.path("subresources").has("status"), true));
                }
            }
        }
        return types;
    }
}

package org.kubeedgej.edge.metaserver;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * What clients ask before anything else: {@code /version}, {@code /api} (APIVersions), {@code /api/v1}
 * (APIResourceList: only what MetaServer serves, with the verbs get, list and watch), {@code /apis} (no groups) and
 * {@code /} (the paths). kubectl and client libraries read these to find out what a server offers.
 */
final class DiscoveryResponses {

    /** The Kubernetes version the edge node reports (its kubelet version), so clients see no version skew. */
    static final String GIT_VERSION = "v1.32.0-kubeedge-j-0.1.0";

    private DiscoveryResponses() {
        throw new AssertionError("no instances");
    }

    static JsonObject version() {
        return Json.createObjectBuilder()
                .add("major", "1")
                .add("minor", "32")
                .add("gitVersion", GIT_VERSION)
                .add("gitCommit", "kubeedge-j-metaserver")
                .add("gitTreeState", "clean")
                .add("buildDate", "2025-01-01T00:00:00Z")
                .add("goVersion", "java" + Runtime.version().feature())
                .add("compiler", "javac")
                .add("platform", System.getProperty("os.name", "linux").toLowerCase() + "/"
                        + System.getProperty("os.arch", "amd64"))
                .build();
    }

    /** @param serverAddress host:port clients reach MetaServer at */
    static JsonObject apiVersions(String serverAddress) {
        return Json.createObjectBuilder()
                .add(KubeObjects.KIND, "APIVersions")
                .add("versions", Json.createArrayBuilder().add(KubeResource.API_VERSION))
                .add("serverAddressByClientCIDRs", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("clientCIDR", "0.0.0.0/0").add("serverAddress", serverAddress)))
                .build();
    }

    static JsonObject apiResources() {
        JsonArrayBuilder resources = Json.createArrayBuilder();
        for (KubeResource resource : KubeResource.values()) {
            JsonArrayBuilder shortNames = Json.createArrayBuilder();
            resource.shortNames().forEach(shortNames::add);
            resources.add(Json.createObjectBuilder()
                    .add("name", resource.plural())
                    .add("singularName", resource.singular())
                    .add("namespaced", resource.namespaced())
                    .add(KubeObjects.KIND, resource.kind())
                    .add("verbs", Json.createArrayBuilder().add("get").add("list").add("watch"))
                    .add("shortNames", shortNames));
        }
        return Json.createObjectBuilder()
                .add(KubeObjects.KIND, "APIResourceList")
                .add("groupVersion", KubeResource.API_VERSION)
                .add("resources", resources)
                .build();
    }

    static JsonObject apiGroups() {
        return Json.createObjectBuilder()
                .add(KubeObjects.KIND, "APIGroupList")
                .add(KubeObjects.API_VERSION, KubeResource.API_VERSION)
                .add("groups", Json.createArrayBuilder())
                .build();
    }

    static JsonObject rootPaths() {
        return Json.createObjectBuilder()
                .add("paths", Json.createArrayBuilder().add("/api").add("/api/v1").add("/apis").add("/healthz")
                        .add("/livez").add("/readyz").add("/version"))
                .build();
    }
}

package org.kubeedgej.edge.metaserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.metaserver.KubernetesPathRouter.Target;

final class KubernetesPathRouterTest {

    @Test
    void namespacedPathsNameNamespaceResourceAndObject() {
        assertEquals(new ResourceRequest(KubeResource.PODS, "default", null, false),
                request("/api/v1/namespaces/default/pods"));
        assertEquals(new ResourceRequest(KubeResource.PODS, "default", "web", false),
                request("/api/v1/namespaces/default/pods/web"));
        assertEquals(new ResourceRequest(KubeResource.CONFIGMAPS, "kube-system", "c", false),
                request("/api/v1/namespaces/kube-system/configmaps/c/"));
        assertEquals(new ResourceRequest(KubeResource.SECRETS, "a", null, false),
                request("/api/v1/namespaces/a/secrets"));
        assertEquals(new ResourceRequest(KubeResource.SERVICES, "a", "s", false),
                request("/api/v1/namespaces/a/services/s"));
    }

    @Test
    void collectionPathsWithoutNamespaceMeanAllNamespaces() {
        assertEquals(new ResourceRequest(KubeResource.PODS, null, null, false), request("/api/v1/pods"));
        assertEquals(new ResourceRequest(KubeResource.SERVICES, null, null, false), request("/api/v1/services"));
    }

    @Test
    void nodesAreClusterScoped() {
        assertEquals(new ResourceRequest(KubeResource.NODES, null, null, false), request("/api/v1/nodes"));
        assertEquals(new ResourceRequest(KubeResource.NODES, null, "edge-node", false),
                request("/api/v1/nodes/edge-node"));
        assertEquals(Target.NOT_FOUND, KubernetesPathRouter.route("/api/v1/namespaces/default/nodes").target());
        assertEquals(Target.NOT_FOUND, KubernetesPathRouter.route("/api/v1/pods/web").target(),
                "a namespaced object needs its namespace");
    }

    @Test
    void oldWatchPathsAreWatches() {
        assertEquals(new ResourceRequest(KubeResource.PODS, "default", null, true),
                request("/api/v1/watch/namespaces/default/pods"));
        assertEquals(new ResourceRequest(KubeResource.NODES, null, "n", true), request("/api/v1/watch/nodes/n"));
    }

    @Test
    void discoveryPaths() {
        assertEquals(Target.ROOT, KubernetesPathRouter.route("/").target());
        assertEquals(Target.VERSION, KubernetesPathRouter.route("/version").target());
        assertEquals(Target.VERSION, KubernetesPathRouter.route("/version/").target());
        assertEquals(Target.API_VERSIONS, KubernetesPathRouter.route("/api").target());
        assertEquals(Target.API_RESOURCES, KubernetesPathRouter.route("/api/v1").target());
        assertEquals(Target.API_GROUPS, KubernetesPathRouter.route("/apis").target());
        assertEquals(Target.HEALTH, KubernetesPathRouter.route("/readyz").target());
        assertNull(KubernetesPathRouter.route("/api").request());
    }

    @Test
    void everythingElseIsNotFound() {
        for (String path : new String[] {"/api/v1/namespaces/default/pods/web/status",
                "/api/v1/namespaces/default/pods/web/log",
                "/api/v1/namespaces/default/endpoints", "/api/v1/namespaces/default", "/api/v1/namespaces",
                "/api/v2/pods", "/apis/apps/v1/deployments", "/api/v1//pods", "/api/v1/watch", "/api/v1/watch/pods/x",
                "/metrics", "//"}) {
            assertEquals(Target.NOT_FOUND, KubernetesPathRouter.route(path).target(), path);
        }
    }

    private static ResourceRequest request(String path) {
        KubernetesPathRouter.Route route = KubernetesPathRouter.route(path);
        assertEquals(Target.RESOURCE, route.target(), path);
        return route.request();
    }
}

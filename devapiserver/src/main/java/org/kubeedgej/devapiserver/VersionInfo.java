package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import tools.jackson.databind.node.ObjectNode;

/** /version, /, /healthz, /readyz and /livez: what kubectl and probes ask before anything else. */
final class VersionInfo {
    /** Looks like the kubectl on the project's machines so that no version-skew warning appears. */
    static final String GIT_VERSION = "v1.32.0";

    private VersionInfo() {
    }

    static void version(HttpExchange exchange) throws IOException {
        ObjectNode version = Json.object();
        version.put("major", "1");
        version.put("minor", "32");
        version.put("gitVersion", GIT_VERSION);
        version.put("gitCommit", "kubeedge-j-devapiserver");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2024-12-11T00:00:00Z");
        version.put("goVersion", "go1.23.3");
        version.put("compiler", "gc");
        version.put("platform", "linux/amd64");
        Exchanges.sendJson(exchange, 200, version);
    }

    static void rootPaths(HttpExchange exchange) throws IOException {
        ObjectNode root = Json.object();
        root.putArray("paths").add("/api").add("/api/v1").add("/apis").add("/healthz").add("/livez")
                .add("/openapi/v3").add("/readyz").add("/version");
        Exchanges.sendJson(exchange, 200, root);
    }

    static void healthy(HttpExchange exchange) throws IOException {
        Exchanges.sendText(exchange, 200, "ok");
    }
}

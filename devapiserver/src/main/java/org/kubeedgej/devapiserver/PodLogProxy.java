package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.net.ssl.HttpsURLConnection;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET pods/<name>/log} as kube-apiserver serves it: the container is the one named, or the pod's only one;
 * the node's kubelet endpoint is its InternalIP (then Hostname) and {@code daemonEndpoints.kubeletEndpoint.Port}
 * (as with {@code --kubelet-preferred-address-types=InternalIP,Hostname}); the kubelet's
 * {@code /containerLogs/<ns>/<pod>/<container>} answer is streamed back as it comes.
 */
final class PodLogProxy {

    private static final Logger LOG = Logger.getLogger(PodLogProxy.class.getName());
    /** PodLogOptions that kube-apiserver passes on to the kubelet. */
    private static final List<String> OPTIONS = List.of("follow", "previous", "sinceSeconds", "sinceTime",
            "timestamps", "tailLines", "limitBytes");
    private static final int DEFAULT_KUBELET_PORT = 10250;

    private final Backend backend;
    private final KubeletClient kubelet;

    PodLogProxy(Backend backend, KubeletClient kubelet) {
        this.backend = backend;
        this.kubelet = kubelet;
    }

    void handle(HttpExchange exchange, ResourcePath path) throws IOException {
        String namespace = path.namespace();
        String name = path.name();
        Backend.Response podAnswer = backend.get("/api/v1/namespaces/" + namespace + "/pods/" + name);
        if (!podAnswer.ok()) {
            Exchanges.sendStatus(exchange, StatusResponses.notFound("pods", name));
            return;
        }
        JsonNode pod = podAnswer.json();
        Map<String, String> query = Exchanges.query(exchange);
        List<String> containers = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asString()));
        String container = query.getOrDefault("container", "");
        if (container.isEmpty()) {
            if (containers.size() != 1) {
                Exchanges.sendStatus(exchange, StatusResponses.badRequest("a container name must be specified for pod "
                        + name + ", choose one of: " + containers));
                return;
            }
            container = containers.get(0);
        } else if (!containers.contains(container)) {
            Exchanges.sendStatus(exchange, StatusResponses.badRequest("container " + container
                    + " is not valid for pod " + name));
            return;
        }
        String nodeName = pod.path("spec").path("nodeName").asString("");
        if (nodeName.isEmpty()) {
            Exchanges.sendStatus(exchange, StatusResponses.badRequest("pod " + name + " does not have a host assigned"));
            return;
        }
        Backend.Response nodeAnswer = backend.get("/api/v1/nodes/" + nodeName);
        if (!nodeAnswer.ok()) {
            Exchanges.sendStatus(exchange, StatusResponses.notFound("nodes", nodeName));
            return;
        }
        URI uri = kubeletUri(nodeAnswer.json(), "/containerLogs/" + namespace + "/" + name + "/" + container,
                query);
        if (uri == null) {
            Exchanges.sendStatus(exchange, StatusResponses.failure(500, "InternalError", "node " + nodeName
                    + " has no InternalIP or Hostname address"));
            return;
        }
        proxy(exchange, uri, nodeName);
    }

    private static URI kubeletUri(JsonNode node, String kubeletPath, Map<String, String> query) {
        String address = null;
        for (String type : List.of("InternalIP", "Hostname")) {
            for (JsonNode a : node.path("status").path("addresses")) {
                if (address == null && type.equals(a.path("type").asString(""))) {
                    address = a.path("address").asString("");
                }
            }
        }
        if (address == null || address.isEmpty()) {
            return null;
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        StringBuilder q = new StringBuilder();
        for (String option : OPTIONS) {
            String value = query.get(option);
            if (value != null) {
                q.append(q.length() == 0 ? "?" : "&").append(option).append('=').append(Exchanges.encode(value));
            }
        }
        String host = address.contains(":") ? "[" + address + "]" : address;
        return URI.create("https://" + host + ":" + (port == 0 ? DEFAULT_KUBELET_PORT : port) + kubeletPath + q);
    }

    private void proxy(HttpExchange exchange, URI uri, String nodeName) throws IOException {
        HttpsURLConnection connection = null;
        try {
            try {
                connection = kubelet.get(uri);
                connection.connect();
            } catch (IOException e) {
                Exchanges.sendStatus(exchange, StatusResponses.failure(502, "InternalError", "Get \"" + uri
                        + "\": " + e.getMessage() + " (node " + nodeName + ")"));
                return;
            }
            int code = connection.getResponseCode();
            if (code != 200) {
                InputStream error = connection.getErrorStream();
                String text = error == null ? "" : new String(error.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                Exchanges.sendStatus(exchange, StatusResponses.failure(code, code == 404 ? "NotFound" : "InternalError",
                        text.strip()));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            try (InputStream in = connection.getInputStream(); OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            LOG.fine(() -> "log stream from " + uri + " ended: " + e.getMessage());
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}

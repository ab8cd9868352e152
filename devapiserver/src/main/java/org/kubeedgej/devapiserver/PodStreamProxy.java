package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pods/<name>/exec}, {@code attach} and {@code portforward} upgrade requests as kube-apiserver proxies them to
 * the kubelet: the options become the kubelet's query ({@code input}, {@code output}, {@code error}, {@code tty} as
 * "1", each {@code command}), the request goes to the node's kubelet endpoint over TLS with the kubelet client
 * certificate, and from then on the kubelet's answer (its 101) and both sides' bytes pass through untouched.
 *
 * <p>kube-apiserver 1.30+ also takes kubectl's WebSocket (v5.channel.k8s.io) and translates it to SPDY for the
 * kubelet; this server does not translate and answers a WebSocket upgrade with 400, on which kubectl falls back to
 * SPDY, the protocol the kubelet (here CloudStream) is spoken to in either case.
 */
final class PodStreamProxy {

    private static final Logger LOG = Logger.getLogger(PodStreamProxy.class.getName());
    private static final Set<String> SUBRESOURCES = Set.of("exec", "attach", "portforward");
    /** The client's headers that are not passed to the kubelet: its credentials and this hop's framing. */
    private static final Set<String> DROPPED = Set.of("host", "authorization", "cookie", "content-length",
            "transfer-encoding", "proxy-authorization");

    private final Backend backend;
    private final KubeletClient kubelet;
    private final ExecutorService workers;

    PodStreamProxy(Backend backend, KubeletClient kubelet, ExecutorService workers) {
        this.backend = backend;
        this.kubelet = kubelet;
        this.workers = workers;
    }

    /** @return whether the path is a pod's exec, attach or portforward */
    static boolean handles(String path) {
        ResourcePath parsed = ResourcePath.parse(path);
        return parsed != null && parsed.group().isEmpty() && "pods".equals(parsed.resource())
                && parsed.namespace() != null && parsed.name() != null && parsed.subresource() != null
                && SUBRESOURCES.contains(parsed.subresource());
    }

    void handle(Socket client, RawRequestHead head) throws IOException {
        ResourcePath path = ResourcePath.parse(head.path());
        String upgrade = head.header("Upgrade");
        if (!"SPDY/3.1".equalsIgnoreCase(upgrade)) {
            refuse(client, StatusResponses.badRequest("the development API server proxies pods/" + path.subresource()
                    + " over SPDY/3.1 only, not " + upgrade + " (kubectl then falls back to SPDY)"));
            return;
        }
        if (kubelet == null) {
            refuse(client, StatusResponses.failure(502, "ServiceUnavailable", "pods/" + path.subresource()
                    + " is proxied to the node's kubelet; the development API server has no kubelet client"
                    + " certificate (--kubelet-client-p12)"));
            return;
        }
        Map<String, List<String>> query = Exchanges.queryValues(head.rawQuery());
        String container = query.getOrDefault("container", List.of("")).get(0);
        KubeletTarget target;
        try {
            target = KubeletTarget.resolve(backend, path.namespace(), path.name(),
                    "portforward".equals(path.subresource()) ? firstContainer(path) : container);
        } catch (StatusException e) {
            refuse(client, e.status());
            return;
        }
        String kubeletPath = kubeletPath(path, target.container(), query);
        Socket node;
        try {
            node = kubelet.connect(target.host(), target.port());
        } catch (IOException e) {
            refuse(client, StatusResponses.failure(502, "InternalError", "error dialing backend: " + e.getMessage()
                    + " (node " + target.nodeName() + ", " + target.authority() + ")"));
            return;
        }
        StringBuilder request = new StringBuilder(head.method()).append(' ').append(kubeletPath)
                .append(" HTTP/1.1\r\nHost: ").append(target.authority()).append("\r\n");
        head.headers().stream().filter(h -> !DROPPED.contains(h.getKey().toLowerCase()))
                .forEach(h -> request.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        request.append("\r\n");
        OutputStream out = node.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.afterHead());
        out.flush();
        LOG.info(() -> "pods/" + path.subresource() + " of " + path.namespace() + "/" + path.name() + " proxied to"
                + " node " + target.nodeName() + " at " + target.authority());
        UpgradeFront.splice(client, node, workers);
    }

    /** port-forward is for the pod, not a container; resolving still checks the pod and finds its node. */
    private String firstContainer(ResourcePath path) throws IOException {
        Backend.Response pod = backend.get("/api/v1/namespaces/" + path.namespace() + "/pods/" + path.name());
        return pod.ok() ? pod.json().path("spec").path("containers").path(0).path("name").asString("") : "";
    }

    private static String kubeletPath(ResourcePath path, String container, Map<String, List<String>> query) {
        String pod = path.namespace() + "/" + path.name();
        if ("portforward".equals(path.subresource())) {
            return "/portForward/" + pod;
        }
        StringBuilder q = new StringBuilder();
        for (String[] option : new String[][] {{"stdin", "input"}, {"stdout", "output"}, {"stderr", "error"},
                {"tty", "tty"}}) {
            String value = query.getOrDefault(option[0], List.of("false")).get(0);
            if (value.equals("true") || value.equals("1")) {
                q.append(q.length() == 0 ? "?" : "&").append(option[1]).append("=1");
            }
        }
        if ("exec".equals(path.subresource())) {
            for (String word : query.getOrDefault("command", List.of())) {
                q.append(q.length() == 0 ? "?" : "&").append("command=").append(Exchanges.encode(word));
            }
        }
        return "/" + path.subresource() + "/" + pod + "/" + container + q;
    }

    private static void refuse(Socket client, ObjectNode status) throws IOException {
        byte[] body = Json.bytes(status);
        int code = status.path("code").asInt(500);
        String head = "HTTP/1.1 " + code + " " + (code == 400 ? "Bad Request" : code == 404 ? "Not Found"
                : "Error") + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        try (client) {
            OutputStream out = client.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }
    }
}

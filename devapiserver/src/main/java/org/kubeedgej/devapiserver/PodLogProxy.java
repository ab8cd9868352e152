package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.net.ssl.HttpsURLConnection;

/**
 * {@code GET pods/<name>/log} as kube-apiserver serves it: the kubelet ({@link KubeletTarget}) is asked for
 * {@code /containerLogs/<ns>/<pod>/<container>} and its answer is streamed back as it comes.
 */
final class PodLogProxy {

    private static final Logger LOG = Logger.getLogger(PodLogProxy.class.getName());
    /** PodLogOptions that kube-apiserver passes on to the kubelet. */
    private static final List<String> OPTIONS = List.of("follow", "previous", "sinceSeconds", "sinceTime",
            "timestamps", "tailLines", "limitBytes");

    private final Backend backend;
    private final KubeletClient kubelet;

    PodLogProxy(Backend backend, KubeletClient kubelet) {
        this.backend = backend;
        this.kubelet = kubelet;
    }

    void handle(HttpExchange exchange, ResourcePath path) throws IOException {
        Map<String, String> query = Exchanges.query(exchange);
        KubeletTarget target;
        try {
            target = KubeletTarget.resolve(backend, path.namespace(), path.name(), query.get("container"));
        } catch (StatusException e) {
            Exchanges.sendStatus(exchange, e.status());
            return;
        }
        StringBuilder q = new StringBuilder();
        for (String option : OPTIONS) {
            String value = query.get(option);
            if (value != null) {
                q.append(q.length() == 0 ? "?" : "&").append(option).append('=').append(Exchanges.encode(value));
            }
        }
        proxy(exchange, target.uri("/containerLogs/" + path.namespace() + "/" + path.name() + "/"
                + target.container() + q), target.nodeName());
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

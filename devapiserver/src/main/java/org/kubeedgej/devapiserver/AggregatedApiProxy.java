package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;

/**
 * Forwards a request for an aggregated group/version to its server over HTTPS, with the API server's client
 * certificate (kube-apiserver's {@code --proxy-client-cert-file}; here the same store as its kubelet client) and the
 * aggregator's {@code X-Remote-User}/{@code X-Remote-Group} headers; the answer is passed back as it is. GET only:
 * what kubectl top and metrics clients use.
 */
final class AggregatedApiProxy {

    private final AggregatedApis registry;
    private final KubeletClient client;

    AggregatedApiProxy(AggregatedApis registry, KubeletClient client) {
        this.registry = registry;
        this.client = client;
    }

    /** @return false when no APIService serves this group/version (then it is an ordinary path) */
    boolean handle(HttpExchange exchange, String group, String version) throws IOException {
        Optional<AggregatedApis.Registration> registration = registry.find(group, version);
        if (registration.isEmpty()) {
            return false;
        }
        if (client == null) {
            Exchanges.sendStatus(exchange, StatusResponses.failure(503, "ServiceUnavailable", group + "/" + version
                    + " is served by an aggregated API server; the development API server has no client certificate"
                    + " to call it (--kubelet-client-p12)"));
            return true;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            Exchanges.sendStatus(exchange, StatusResponses.methodNotAllowed(exchange.getRequestMethod()));
            return true;
        }
        Optional<String> endpoint = registry.endpoint(registration.get());
        if (endpoint.isEmpty()) {
            AggregatedApis.Registration r = registration.get();
            Exchanges.sendStatus(exchange, StatusResponses.failure(503, "ServiceUnavailable", "service/"
                    + r.serviceName() + " in \"" + r.serviceNamespace() + "\" has no endpoints (APIService "
                    + r.version() + "." + r.group() + ")"));
            return true;
        }
        URI uri = URI.create("https://" + endpoint.get() + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpsURLConnection connection = client.get(uri);
        try {
            connection.setReadTimeout(60_000);
            connection.setRequestProperty("X-Remote-User", "system:admin");
            connection.setRequestProperty("X-Remote-Group", "system:masters");
            connection.setRequestProperty("Accept", "application/json");
            int code;
            try {
                code = connection.getResponseCode();
            } catch (IOException e) {
                Exchanges.sendStatus(exchange, StatusResponses.failure(503, "ServiceUnavailable", "error trying to"
                        + " reach service: " + e.getMessage() + " (" + uri + ")"));
                return true;
            }
            InputStream body = code >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(16 << 20);
            String type = connection.getContentType();
            exchange.getResponseHeaders().set("Content-Type", type == null ? "application/json" : type);
            exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            return true;
        } finally {
            connection.disconnect();
        }
    }
}

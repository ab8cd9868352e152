package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The front's only handler: routes on the path alone (never on the query, kubectl adds ?timeout=32s everywhere)
 * to server info, discovery, OpenAPI or resources.
 */
final class ApiRouter implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(ApiRouter.class.getName());

    private final DiscoveryHandler discovery;
    private final OpenApiHandler openApi;
    private final ResourceHandler resources;
    private final AggregatedApiProxy aggregated;

    ApiRouter(Backend backend, WatchBridge watches, KubeletClient kubelet) {
        ApiCatalog catalog = new ApiCatalog(backend);
        AggregatedApis registrations = new AggregatedApis(backend);
        this.aggregated = new AggregatedApiProxy(registrations, kubelet);
        this.discovery = new DiscoveryHandler(catalog, registrations);
        this.openApi = new OpenApiHandler(catalog);
        this.resources = new ResourceHandler(backend, catalog, watches, kubelet);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                MediaTypes.requireJsonAnswer(exchange);
                route(exchange);
            } catch (StatusException refused) {
                LOG.log(Level.FINE, "refused {0} {1}: {2}", new Object[] {exchange.getRequestMethod(),
                        exchange.getRequestURI(), refused.getMessage()});
                Exchanges.sendStatus(exchange, refused.status());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "request " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " failed", e);
                try {
                    Exchanges.sendStatus(exchange, StatusResponses.failure(500, "InternalError", String.valueOf(e)));
                } catch (IOException | RuntimeException alreadyAnswered) {
                    LOG.log(Level.FINE, "could not report the failure", alreadyAnswered);
                }
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, StatusException {
        String path = exchange.getRequestURI().getPath();
        List<String> parts = Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toList();
        if (parts.isEmpty()) {
            VersionInfo.rootPaths(exchange);
            return;
        }
        switch (parts.get(0)) {
            case "version" -> VersionInfo.version(exchange);
            case "healthz", "readyz", "livez" -> VersionInfo.healthy(exchange);
            case "openapi" -> openApi.handle(exchange, parts);
            case "api", "apis" -> {
                if (parts.get(0).equals("apis") && parts.size() >= 3
                        && aggregated.handle(exchange, parts.get(1), parts.get(2))) {
                    return;
                }
                if (parts.size() <= 3 && discovery.handle(exchange, parts)) {
                    return;
                }
                ResourcePath resource = ResourcePath.parse(exchange.getRequestURI().getRawPath());
                if (resource == null) {
                    notFound(exchange);
                } else {
                    resources.handle(exchange, resource);
                }
            }
            default -> notFound(exchange);
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        Exchanges.sendStatus(exchange, StatusResponses.failure(404, "NotFound",
                "the server could not find the requested resource"));
    }
}

package org.kubeedgej.edge.metaserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers every MetaServer request: routes the path ({@link KubernetesPathRouter}), refuses anything but GET (405,
 * MetaServer is read-only), refuses Secrets without MetaServer's token (401, {@link MetaServerToken}), parses the
 * query (400 if the API server would refuse it), then serves discovery, a get (404 if not stored), a list, or starts
 * a watch on the watch pool if a slot is free (429 otherwise).
 */
final class KubernetesApiHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(KubernetesApiHandler.class.getName());
    private static final String GET = "GET";

    private final StoredObjects store;
    private final WatchHub hub;
    private final MetaServerSettings settings;
    private final Executor watchPool;
    private final Semaphore watchSlots;
    private final String serverAddress;

    /**
     * @param store where objects are read
     * @param hub where watches get changes
     * @param settings limits
     * @param watchPool runs watches, one thread each (at least {@code maxWatches} threads)
     * @param serverAddress host:port clients reach MetaServer at (for discovery)
     */
    KubernetesApiHandler(StoredObjects store, WatchHub hub, MetaServerSettings settings, Executor watchPool,
            String serverAddress) {
        this.store = store;
        this.hub = hub;
        this.settings = settings;
        this.watchPool = watchPool;
        this.watchSlots = new Semaphore(settings.maxWatches());
        this.serverAddress = serverAddress;
    }

    /** Requests since start, for /metrics. */
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        boolean handedOff = false;
        String path = exchange.getRequestURI().getPath();
        try {
            KubernetesPathRouter.Route route = KubernetesPathRouter.route(path);
            if (route.target() == KubernetesPathRouter.Target.NOT_FOUND) {
                HttpReplies.status(exchange, StatusResponses.pathNotFound(path));
            } else if (!GET.equals(exchange.getRequestMethod())) {
                LOG.info(() -> "MetaServer refused " + exchange.getRequestMethod() + " " + path + " from "
                        + client(exchange) + ": read-only");
                exchange.getResponseHeaders().set("Allow", GET);
                HttpReplies.status(exchange, StatusResponses.methodNotAllowed(exchange.getRequestMethod(), path));
            } else if (route.target() == KubernetesPathRouter.Target.RESOURCE) {
                handedOff = serve(exchange, route.request());
            } else {
                discovery(exchange, route.target());
            }
        } catch (IOException e) {
            LOG.fine(() -> "MetaServer could not answer " + path + " for " + client(exchange) + ": " + e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MetaServer failed on " + path + " for " + client(exchange), e);
            trySend(exchange, StatusResponses.internalError("MetaServer failed: " + e));
        } finally {
            if (!handedOff) {
                exchange.close();
            }
        }
    }

    /** @return whether a watch took over the exchange */
    private boolean serve(HttpExchange exchange, ResourceRequest request) throws IOException {
        if (request.resource() == KubeResource.SECRETS && settings.secretsToken().isPresent()
                && !settings.secretsToken().get().permits(exchange.getRequestHeaders().getFirst("Authorization"))) {
            LOG.info(() -> "MetaServer refused " + request.describe() + " to " + client(exchange)
                    + ": no valid MetaServer token (401)");
            HttpReplies.status(exchange, StatusResponses.unauthorized(settings.secretsToken().get().file()
                    .toString()));
            return false;
        }
        ListOptions options;
        try {
            options = ListOptions.parse(request.resource(), exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            LOG.info(() -> "MetaServer refused a bad query for " + request.describe() + " from " + client(exchange)
                    + ": " + e.getMessage());
            HttpReplies.status(exchange, StatusResponses.badRequest(e.getMessage()));
            return false;
        }
        if (options.watch() || request.watchPath()) {
            return startWatch(exchange, request, options);
        }
        try {
            if (request.single()) {
                get(exchange, request);
            } else {
                list(exchange, request, options);
            }
        } catch (IllegalStateException e) {
            LOG.warning(() -> "MetaServer cannot read " + request.describe() + " for " + client(exchange) + ": "
                    + e.getMessage());
            HttpReplies.status(exchange, StatusResponses.unavailable("the edge database cannot be read: "
                    + e.getMessage()));
        }
        return false;
    }

    private void get(HttpExchange exchange, ResourceRequest request) throws IOException {
        Optional<StoredObject> found = store.get(request.resource(), request.namespace(), request.name());
        LOG.fine(() -> "MetaServer get " + request.describe() + " for " + client(exchange) + ": "
                + (found.isPresent() ? "found" : "not found"));
        if (found.isPresent()) {
            HttpReplies.json(exchange, 200, found.get().object());
        } else {
            HttpReplies.status(exchange, StatusResponses.notFound(request.resource(), request.name()));
        }
    }

    private void list(HttpExchange exchange, ResourceRequest request, ListOptions options) throws IOException {
        // The revision is read before the objects: a watch from it may repeat a change, but never misses one.
        long revision = hub.revision();
        ObjectFilter filter = new ObjectFilter(request, options);
        List<JsonObject> items = store.list(request.resource(), request.namespace()).stream()
                .filter(o -> filter.matches(o.namespace(), o.name(), o.object()))
                .map(StoredObject::object)
                .toList();
        LOG.fine(() -> "MetaServer list " + request.describe() + " for " + client(exchange) + ": " + items.size()
                + " at revision " + revision);
        HttpReplies.json(exchange, 200, ListResponse.of(request.resource(), items, revision));
    }

    private boolean startWatch(HttpExchange exchange, ResourceRequest request, ListOptions options)
            throws IOException {
        if (!watchSlots.tryAcquire()) {
            LOG.warning(() -> "MetaServer refused a watch of " + request.describe() + " from " + client(exchange)
                    + ": all " + settings.maxWatches() + " watch slots are taken (429)");
            exchange.getResponseHeaders().set("Retry-After", "1");
            HttpReplies.status(exchange, StatusResponses.tooManyWatches(settings.maxWatches()));
            return false;
        }
        WatchStream watch = new WatchStream(exchange, request, options, hub, store, settings, watchSlots::release);
        try {
            watchPool.execute(watch);
            return true;
        } catch (RejectedExecutionException e) {
            watchSlots.release();
            HttpReplies.status(exchange, StatusResponses.unavailable("MetaServer is stopping"));
            return false;
        }
    }

    private void discovery(HttpExchange exchange, KubernetesPathRouter.Target target) throws IOException {
        switch (target) {
            case ROOT -> HttpReplies.json(exchange, 200, DiscoveryResponses.rootPaths());
            case VERSION -> HttpReplies.json(exchange, 200, DiscoveryResponses.version());
            case API_VERSIONS -> HttpReplies.json(exchange, 200, DiscoveryResponses.apiVersions(serverAddress));
            case API_RESOURCES -> HttpReplies.json(exchange, 200, DiscoveryResponses.apiResources());
            case API_GROUPS -> HttpReplies.json(exchange, 200, DiscoveryResponses.apiGroups());
            case HEALTH -> HttpReplies.text(exchange, 200, "ok");
            default -> HttpReplies.status(exchange, StatusResponses.pathNotFound(exchange.getRequestURI().getPath()));
        }
    }

    /** @return requests served since start */
    long requests() {
        return requests.get();
    }

    /** @return watches open now */
    int openWatches() {
        return settings.maxWatches() - watchSlots.availablePermits();
    }

    /** @return how logs name the client: its address and user agent */
    static String client(HttpExchange exchange) {
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        return exchange.getRemoteAddress() + (agent == null ? "" : " (" + agent + ")");
    }

    private static void trySend(HttpExchange exchange, JsonObject status) {
        try {
            HttpReplies.status(exchange, status);
        } catch (IOException | RuntimeException e) {
            // The response was already under way; the client sees the connection end.
        }
    }
}

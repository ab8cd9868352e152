package org.kubeedgej.edge.metaserver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.kubeedgej.edge.metamanager.MetaRepository;
import org.kubeedgej.edge.metamanager.StoredObjectEvent;

/**
 * MetaServer without CDI: a JDK {@link HttpServer} on a loopback address only (apps on this node, never the
 * network; there is no authentication) with two bounded pools. Gets, lists and discovery run on a small request
 * pool (when it and its queue are full, the accepting thread runs the request itself, which slows new connections
 * down instead of dropping them). Each watch runs on its own thread of the watch pool, which has one thread per
 * watch slot, so open watches can never starve gets and lists.
 */
final class MetaServerHttpServer {

    private static final int REQUEST_THREADS = 4;
    private static final int QUEUED_REQUESTS = 64;

    private final HttpServer server;
    private final ThreadPoolExecutor requestPool;
    private final ThreadPoolExecutor watchPool;
    private final WatchHub hub;
    private final KubernetesApiHandler handler;

    private MetaServerHttpServer(HttpServer server, ThreadPoolExecutor requestPool, ThreadPoolExecutor watchPool,
            WatchHub hub, KubernetesApiHandler handler) {
        this.server = server;
        this.requestPool = requestPool;
        this.watchPool = watchPool;
        this.hub = hub;
        this.handler = handler;
    }

    /**
     * @param settings address and limits
     * @param repository MetaManager's store
     * @param threads makes the pools' threads (in Liberty: the managed thread factory)
     * @return the started server
     * @throws java.net.BindException if the port is taken
     * @throws IOException if the server cannot be created, or the host is not a loopback address
     */
    static MetaServerHttpServer start(MetaServerSettings settings, MetaRepository repository, ThreadFactory threads)
            throws IOException {
        InetAddress host = InetAddress.getByName(settings.host());
        if (!host.isLoopbackAddress()) {
            throw new IOException(settings.host() + " is not a loopback address; MetaServer listens on loopback only");
        }
        StoredObjects store = new StoredObjects(repository);
        WatchHub hub = WatchHub.startingFrom(store, settings.watchCacheSize());
        HttpServer server = HttpServer.create(new InetSocketAddress(host, settings.port()), 0);
        ThreadPoolExecutor requestPool = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 60,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_REQUESTS), threads,
                new ThreadPoolExecutor.CallerRunsPolicy());
        requestPool.allowCoreThreadTimeOut(true);
        // Slots bound the watches, so this queue only holds a watch for the moment a finished one's thread frees up.
        ThreadPoolExecutor watchPool = new ThreadPoolExecutor(settings.maxWatches(), settings.maxWatches(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        watchPool.allowCoreThreadTimeOut(true);
        String address = server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        KubernetesApiHandler handler = new KubernetesApiHandler(store, hub, settings, watchPool, address);
        server.createContext("/", handler);
        server.setExecutor(requestPool);
        server.start();
        return new MetaServerHttpServer(server, requestPool, watchPool, hub, handler);
    }

    /** @return the address it listens on */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** Feeds watches: MetaManager stored (or removed) an object. Never blocks. */
    void onStored(StoredObjectEvent event) {
        hub.publish(event.message());
    }

    /** @return requests served since start */
    long requests() {
        return handler.requests();
    }

    /** @return watches open now */
    int openWatches() {
        return handler.openWatches();
    }

    /**
     * Ends every watch, then stops listening and the pools. No grace period: the JDK server would wait it out in full
     * while any client keeps an idle connection, and a get cut short fails like one sent a moment later.
     */
    void stop() {
        hub.closeAll("MetaServer is stopping");
        for (Runnable never : watchPool.shutdownNow()) {
            if (never instanceof WatchStream watch) {
                watch.abandon();
            }
        }
        server.stop(0);
        requestPool.shutdownNow();
    }
}

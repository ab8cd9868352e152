package org.kubeedgej.edge.servicebus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.kubeedgej.shared.model.Message;

/**
 * The ServiceBus listener without CDI: a JDK {@link HttpServer} bound to 127.0.0.1 only (apps on this node, never the
 * network), serving {@link LocalUploadHandler} on every path from a small bounded pool. When the pool and its queue
 * are full, the accepting thread runs the request itself, which slows new connections down instead of dropping them.
 */
final class ServiceBusHttpServer {

    private static final int THREADS = 4;
    private static final int QUEUED = 64;

    private final HttpServer server;
    private final ThreadPoolExecutor pool;

    private ServiceBusHttpServer(HttpServer server, ThreadPoolExecutor pool) {
        this.server = server;
        this.pool = pool;
    }

    /**
     * @param port the port on 127.0.0.1, 0 for any free one
     * @param allowList the URLs apps may send to
     * @param maxBodyBytes the largest request body accepted
     * @param cloud sends a message to the cloud
     * @param threads makes the pool's threads (in Liberty: the managed thread factory)
     * @return the started server
     * @throws java.net.BindException if the port is taken
     * @throws IOException if the server cannot be created
     */
    static ServiceBusHttpServer start(int port, TargetUrlAllowList allowList, int maxBodyBytes,
            Consumer<Message> cloud, ThreadFactory threads) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), threads, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        server.createContext("/", new LocalUploadHandler(allowList, maxBodyBytes, cloud));
        server.setExecutor(pool);
        server.start();
        return new ServiceBusHttpServer(server, pool);
    }

    /** @return the address it listens on */
    InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening, lets running requests finish for up to a second, then stops the pool. */
    void stop() {
        server.stop(1);
        pool.shutdownNow();
    }
}

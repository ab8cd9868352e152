package org.kubeedgej.cloud.cloudstream;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The stream port (KubeEdge's 10003), where the API server calls CloudCore as it would call a kubelet. This listener
 * terminates TLS itself, with server.xml's {@code cloudhubSSL} (CloudHub's certificate, the project CA as trust,
 * a client certificate required), and hands each connection to a {@link StreamPortConnection} that passes it on to
 * Liberty's loopback backend endpoint, where {@link StreamAccessFilter} and the servlets answer. Connections are
 * bounded in number, in the time to send a request head, and in how long a write may wait on a reader that stopped.
 */
@ApplicationScoped
public class StreamPortListener {

    private static final Logger LOG = Logger.getLogger(StreamPortListener.class.getName());
    /** server.xml's {@code <ssl>} element the stream port uses, as CloudHub's port does. */
    static final String SSL_REF = "cloudhubSSL";
    private static final int HEAD_MILLIS = 10_000;

    @Inject
    CloudStreamConfig config;

    @Inject
    StreamClientIdentity identity;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<StreamPortConnection> open = ConcurrentHashMap.newKeySet();
    private volatile SSLServerSocket server;
    private volatile String problem = "not started yet";
    private static final int RETRY_SECONDS = 10;
    private ScheduledFuture<?> sweep;
    private volatile ScheduledFuture<?> retry;
    private Semaphore slots;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        sweep = scheduler.scheduleWithFixedDelay(this::endStuck, 5, 5, TimeUnit.SECONDS);
        if (!open()) {
            // The TLS material may come later (CloudCore makes its certificate when it has none; a Secret mount).
            retry = scheduler.scheduleWithFixedDelay(() -> {
                if (open()) {
                    retry.cancel(false);
                }
            }, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private synchronized boolean open() {
        if (server != null) {
            return true;
        }
        try {
            SSLServerSocket socket = (SSLServerSocket) LibertySslContexts.of(SSL_REF).getServerSocketFactory()
                    .createServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(config.streamHost(), config.streamPort()), 128);
            socket.setNeedClientAuth(true);
            socket.setEnabledProtocols(Arrays.stream(socket.getSupportedProtocols())
                    .filter(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2")).toArray(String[]::new));
            slots = new Semaphore(config.maxApiServerConnections());
            server = socket;
            problem = null;
            Thread acceptor = threads.newThread(this::accept);
            acceptor.setName("cloudstream-stream-port");
            acceptor.start();
            LOG.info(() -> "cloudstream: the API server side listens on " + config.streamHost() + ":"
                    + config.streamPort() + " (TLS, client certificate of the project CA required), in front of"
                    + " 127.0.0.1:" + config.backendPort());
            return true;
        } catch (IOException | IllegalStateException e) {
            String first = problem;
            problem = "cannot listen on " + config.streamHost() + ":" + config.streamPort() + ": " + e.getMessage()
                    + " (set CLOUDSTREAM_PORT / CLOUDSTREAM_HOST; the certificates are CloudHub's)";
            if (!problem.equals(first)) {
                LOG.severe(() -> "cloudstream: " + problem + "; kubectl logs, exec and top will not reach edge pods"
                        + " until it can (tried again every " + RETRY_SECONDS + " s)");
            }
            return false;
        }
    }

    private void accept() {
        SSLServerSocket socket = server;
        while (!socket.isClosed()) {
            Socket accepted;
            try {
                accepted = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warning(() -> "cloudstream: accepting on the stream port failed: " + e.getMessage());
                    pause(); // a failing accept (out of file descriptors) must not spin
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                LOG.warning(() -> "cloudstream: " + config.maxApiServerConnections() + " API server connections are"
                        + " open; closing the one from " + accepted.getRemoteSocketAddress()
                        + " (modules.cloudStream.maxApiServerConnections)");
                closeQuietly(accepted);
                continue;
            }
            StreamPortConnection connection = new StreamPortConnection((SSLSocket) accepted);
            open.add(connection);
            try {
                Thread worker = threads.newThread(() -> {
                    try {
                        connection.serve(identity, config.backendPort(), HEAD_MILLIS, threads);
                    } finally {
                        open.remove(connection);
                        slots.release();
                    }
                });
                worker.setName("cloudstream-to-apiserver " + connection.peer());
                worker.start();
            } catch (RuntimeException e) {
                open.remove(connection);
                slots.release();
                connection.close();
                LOG.warning(() -> "cloudstream: no thread for the connection from " + connection.peer() + ": " + e);
            }
        }
    }

    private void endStuck() {
        long now = System.nanoTime();
        for (StreamPortConnection connection : open) {
            if (connection.isStuck(now)) {
                LOG.warning(() -> "cloudstream: the API server at " + connection.peer() + " read nothing for "
                        + TimeUnit.NANOSECONDS.toSeconds(StreamPortConnection.STUCK_WRITE_NANOS)
                        + " s; connection closed");
                connection.close();
            }
        }
    }

    /** @return why the stream port is not listening, or null when it is */
    public String problem() {
        return problem;
    }

    /** @return API server connections open now */
    public int openConnections() {
        return open.size();
    }

    @PreDestroy
    synchronized void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
        if (retry != null) {
            retry.cancel(false);
        }
        SSLServerSocket socket = server;
        if (socket != null) {
            closeQuietly(socket);
        }
        open.forEach(StreamPortConnection::close);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

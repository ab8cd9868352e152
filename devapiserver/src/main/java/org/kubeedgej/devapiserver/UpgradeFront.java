package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

/**
 * The development API server's listening socket. kube-apiserver hands an upgraded exec, attach or port-forward
 * connection to the kubelet as raw bytes; the JDK HttpServer behind cannot give up a connection, so this front reads
 * the first request head of each connection: an upgrade of a pod's exec, attach or portforward goes to
 * {@link PodStreamProxy}, anything else is spliced to the HttpServer on its private loopback port, byte for byte.
 */
final class UpgradeFront implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UpgradeFront.class.getName());
    /** A connection that sends no request head within this long is closed; requests on it after that flow freely. */
    private static final int HEAD_TIMEOUT_MILLIS = 60_000;

    private final ServerSocket server;
    private final InetSocketAddress inner;
    private final PodStreamProxy streams;
    private final ExecutorService workers;
    private final Thread acceptor;

    UpgradeFront(int port, InetSocketAddress inner, PodStreamProxy streams, ExecutorService workers)
            throws IOException {
        this.server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        this.inner = inner;
        this.streams = streams;
        this.workers = workers;
        this.acceptor = new Thread(this::accept, "devapiserver-front");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warning(() -> "development API server: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setTcpNoDelay(true);
            client.setSoTimeout(HEAD_TIMEOUT_MILLIS);
            RawRequestHead head = RawRequestHead.read(client.getInputStream());
            if (head == null) {
                client.close();
                return;
            }
            client.setSoTimeout(0);
            if (head.isUpgrade() && PodStreamProxy.handles(head.path())) {
                streams.handle(client, head);
                return;
            }
            Socket server = new Socket(inner.getAddress(), inner.getPort());
            server.setTcpNoDelay(true);
            server.getOutputStream().write(head.bytes());
            splice(client, server, workers);
        } catch (IOException e) {
            LOG.fine(() -> "development API server: connection ended: " + e.getMessage());
            closeQuietly(client);
        }
    }

    /** Copies both ways until either side ends, then closes both. Runs one direction on the caller's thread. */
    static void splice(Socket a, Socket b, ExecutorService workers) {
        workers.execute(() -> copy(b, a));
        copy(a, b);
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (SocketException e) {
            // the other direction closed the sockets
        } catch (IOException e) {
            LOG.fine(() -> "development API server: relay ended: " + e.getMessage());
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing more to tell
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.fine(() -> "development API server: closing the front: " + e);
        }
        acceptor.interrupt();
    }
}

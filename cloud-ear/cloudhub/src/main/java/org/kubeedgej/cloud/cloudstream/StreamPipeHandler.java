package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.logging.Logger;
import org.kubeedgej.shared.stream.StreamMessage;
import org.kubeedgej.shared.stream.StreamMessageType;

/**
 * An upgraded exec or attach: bytes from the API server go to the edge in DATA frames as they arrive (a read
 * listener, so no thread waits on a quiet client; Liberty's blocking read of an upgraded stream returns end of file at
 * once); the edge's bytes are written back by one task until the edge or the API server ends the connection. Either
 * end closes both, and the edge hears REMOVE_CONNECT.
 */
public class StreamPipeHandler implements HttpUpgradeHandler {

    private static final Logger LOG = Logger.getLogger(StreamPipeHandler.class.getName());
    private static final int CHUNK = 32 * 1024;

    private TunnelSession tunnel;
    private StreamConnection connection;
    private byte[] first;
    private ManagedExecutorService executor;
    private String name;
    private volatile WebConnection web;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong toEdgeBytes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong toClientBytes = new java.util.concurrent.atomic.AtomicLong();

    void bind(TunnelSession tunnel, StreamConnection connection, byte[] first, ManagedExecutorService executor,
            String name) {
        this.tunnel = tunnel;
        this.connection = connection;
        this.first = first;
        this.executor = executor;
        this.name = name;
    }

    @Override
    public void init(WebConnection webConnection) {
        this.web = webConnection;
        try {
            ServletInputStream in = webConnection.getInputStream();
            ServletOutputStream out = webConnection.getOutputStream();
            executor.execute(() -> toClient(out));
            ToEdge toEdge = new ToEdge(in);
            in.setReadListener(toEdge);
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "stream " + name + ": cannot start the pipe: " + e);
            close("the pipe did not start: " + e.getMessage());
        }
    }

    private void toClient(ServletOutputStream out) {
        try {
            if (first.length > 0) {
                out.write(first);
                out.flush();
            }
            while (!closed) {
                byte[] data = connection.next(1000);
                if (data == null) {
                    continue;
                }
                if (data.length == 0) {
                    break;
                }
                out.write(data);
                out.flush();
                toClientBytes.addAndGet(data.length);
            }
            close(connection.endReason() == null ? "closed" : connection.endReason());
        } catch (IOException e) {
            close("the API server's connection broke: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close("interrupted");
        }
    }

    private void close(String why) {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info(() -> "stream " + name + " ended (" + toEdgeBytes.get() + " bytes to the edge, "
                + toClientBytes.get() + " back): " + why);
        tunnel.close(connection);
        WebConnection current = web;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.fine(() -> "stream " + name + ": closing the API server's connection: " + e);
            }
        }
    }

    @Override
    public void destroy() {
        close("the API server's connection closed");
    }

    /** Whatever the API server sends, in frames of at most {@value #CHUNK} bytes, as it arrives. */
    private final class ToEdge implements jakarta.servlet.ReadListener {
        private final ServletInputStream in;
        private final byte[] buffer = new byte[CHUNK];

        ToEdge(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!closed && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                if (n > 0) {
                    toEdgeBytes.addAndGet(n);
                    tunnel.send(new StreamMessage(connection.id(), StreamMessageType.DATA,
                            java.util.Arrays.copyOf(buffer, n)));
                }
            }
        }

        @Override
        public void onAllDataRead() {
            close("the API server ended the connection");
        }

        @Override
        public void onError(Throwable error) {
            close("reading the API server's connection failed: " + error.getMessage());
        }
    }
}

package org.kubeedgej.edge.edgestream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.kubeedgej.edge.edged.ContainerLogRequest;
import org.kubeedgej.edge.edged.ContainerLogs;
import org.kubeedgej.edge.edged.LogSink;
import org.kubeedgej.shared.stream.StreamConnectRequest;
import org.kubeedgej.shared.stream.StreamMessage;

/**
 * The log connections open over the tunnel, by connection id: a LOGS_CONNECT starts one (edged streams the log in
 * DATA frames, then REMOVE_CONNECT), the cloud's REMOVE_CONNECT stops one, and a
 * lost tunnel stops them all. At most {@value #MAX_OPEN} are open; more are refused with a message.
 */
@ApplicationScoped
public class LogConnections {

    private static final Logger LOG = Logger.getLogger(LogConnections.class.getName());
    static final int MAX_OPEN = 32;

    @Inject
    ContainerLogs logs;

    private final Map<Long, Closeable> open = new ConcurrentHashMap<>();

    void connect(StreamMessage connect, StreamSender tunnel) {
        long id = connect.connectId();
        ContainerLogRequest request;
        try {
            StreamConnectRequest asked = StreamConnectRequest.decode(connect.data());
            request = ContainerLogRequest.parse(asked.path(), asked.rawQuery(), Instant.now());
        } catch (RuntimeException e) {
            LOG.warning(() -> "CloudStream asked for logs this edge cannot read (connection " + id + "): "
                    + e.getMessage());
            StreamReplies.refuse(id, "cannot serve this log request: " + e.getMessage(), tunnel);
            return;
        }
        if (open.size() >= MAX_OPEN) {
            StreamReplies.refuse(id, "this edge streams " + MAX_OPEN + " logs already; try again later", tunnel);
            return;
        }
        open.put(id, () -> { });
        Closeable stream = logs.open(request, new LogSink() {
            @Override
            public void data(byte[] data) {
                if (!StreamReplies.data(id, data, tunnel)) {
                    stop(id);
                }
            }

            @Override
            public void end(String problem) {
                if (open.remove(id) != null) {
                    StreamReplies.end(id, tunnel);
                }
                if (problem != null) {
                    LOG.fine(() -> "log of pod " + request.namespace() + "/" + request.pod() + " container "
                            + request.container() + " ended: " + problem);
                }
            }
        });
        if (open.replace(id, stream) == null) {
            close(stream); // ended while it was being opened
        }
    }

    /** The cloud is done with the connection. */
    void stop(long id) {
        Closeable stream = open.remove(id);
        if (stream != null) {
            close(stream);
        }
    }

    /** The tunnel is gone. */
    void stopAll() {
        open.keySet().forEach(this::stop);
    }

    int openCount() {
        return open.size();
    }

    private static void close(Closeable stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.fine(() -> "stopping a log stream: " + e.getMessage());
        }
    }
}

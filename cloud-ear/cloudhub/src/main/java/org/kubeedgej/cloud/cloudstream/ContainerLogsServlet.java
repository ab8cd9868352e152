package org.kubeedgej.cloud.cloudstream;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.kubeedgej.cloud.edgecontroller.EdgeLiveObjects;
import org.kubeedgej.shared.stream.StreamConnectRequest;
import org.kubeedgej.shared.stream.StreamMessage;
import org.kubeedgej.shared.stream.StreamMessageType;

/**
 * The kubelet's {@code GET /containerLogs/<namespace>/<pod>/<container>} on the stream port: the pod's node comes
 * from the pod informer's cache (as KubeEdge's CloudStream reads it from the pod), the request goes to that node's
 * tunnel as a LOGS_CONNECT and the edge's data is written back as it comes, flushed, until the edge ends it or the
 * API server goes away. What the cloud can tell (no such pod, no tunnel, too many open) is answered with a status
 * and a reason; what only the edge knows (no such container, no previous attempt) comes in the log text, as with
 * KubeEdge.
 */
@WebServlet(ContainerLogsServlet.PATH + "*")
public class ContainerLogsServlet extends HttpServlet {

    static final String PATH = "/containerLogs/";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerLogsServlet.class.getName());
    /** What an API server's request carries that the edge may use; its credentials stay here. */
    private static final List<String> FORWARDED_HEADERS = List.of("Accept", "User-Agent");

    @Inject
    transient StreamTunnels tunnels;

    @Inject
    transient EdgeLiveObjects cluster;

    @Inject
    transient CloudStreamConfig config;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        String[] parts = path.substring(PATH.length()).split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "expected " + PATH + "<namespace>/<pod>/<container>");
            return;
        }
        String pod = parts[0] + "/" + parts[1];
        Optional<String> node = cluster.nodeOfPod(parts[0], parts[1]);
        if (node.isEmpty()) {
            response.sendError(cluster.hasSynced() ? HttpServletResponse.SC_NOT_FOUND
                    : HttpServletResponse.SC_SERVICE_UNAVAILABLE, cluster.hasSynced() ? "pod " + pod
                    + " is not bound to any node CloudCore knows" : "CloudCore's pod cache has not listed yet");
            return;
        }
        Optional<TunnelSession> tunnel = tunnels.of(node.get());
        if (tunnel.isEmpty()) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "edge node " + node.get() + " of pod " + pod
                    + " has no stream tunnel open: it is offline, or its EdgeStream is off"
                    + " (modules.edgeStream.enable)");
            return;
        }
        Optional<StreamConnection> opened = tunnel.get().open(config.maxConnectionsPerNode());
        if (opened.isEmpty()) {
            response.setHeader("Retry-After", "5");
            response.sendError(429, "edge node " + node.get() + " has " + config.maxConnectionsPerNode()
                    + " log streams open (modules.cloudStream.maxConnectionsPerNode)");
            return;
        }
        StreamConnection connection = opened.get();
        try {
            tunnel.get().send(new StreamMessage(connection.id(), StreamMessageType.LOGS_CONNECT,
                    new StreamConnectRequest(connection.id(), path, request.getQueryString(), headers(request))
                            .encode()));
            LOG.fine(() -> "logs of " + path + " asked of edge node " + node.get() + " (stream connection "
                    + connection.id() + ")");
            stream(connection, response);
        } finally {
            tunnel.get().close(connection);
        }
    }

    private void stream(StreamConnection connection, HttpServletResponse response) throws IOException {
        long answerBy = System.currentTimeMillis() + config.edgeAnswerSeconds() * 1000L;
        byte[] first = null;
        try {
            while (first == null && System.currentTimeMillis() < answerBy) {
                first = connection.next(250);
            }
            if (first == null && connection.endReason() == null) {
                // Nothing yet: a follow of a quiet container. Start the answer so the client waits on data.
                first = new byte[0];
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/plain");
            OutputStream out = response.getOutputStream();
            byte[] data = first;
            while (data != null && (data.length > 0 || connection.endReason() == null)) {
                if (data.length > 0) {
                    out.write(data);
                    out.flush();
                }
                data = connection.next(1000);
                if (data == null) {
                    data = new byte[0];
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        for (String name : FORWARDED_HEADERS) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (!values.isEmpty()) {
                forwarded.put(name, values);
            }
        }
        return forwarded;
    }
}

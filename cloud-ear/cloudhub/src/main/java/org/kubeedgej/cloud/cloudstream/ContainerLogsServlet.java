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
import org.kubeedgej.shared.stream.StreamConnectRequest;
import org.kubeedgej.shared.stream.StreamMessage;
import org.kubeedgej.shared.stream.StreamMessageType;

/**
 * The kubelet's {@code GET /containerLogs/<namespace>/<pod>/<container>} on the stream port: the pod's node comes
 * from the pod informer's cache (as KubeEdge's CloudStream reads it from the pod), the request goes to that node's
 * tunnel as a LOGS_CONNECT and the edge's data is written back as it comes, flushed, until the edge ends it or the
 * API server goes away. What the cloud can tell is answered by {@link PodTunnelRoutes}; what only the edge knows (no such container, no previous attempt) comes in the log text, as with
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
    transient PodTunnelRoutes routes;

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
        Optional<PodTunnelRoutes.Route> route = routes.open(parts[0], parts[1], response);
        if (route.isEmpty()) {
            return;
        }
        StreamConnection connection = route.get().connection();
        TunnelSession tunnel = route.get().tunnel();
        try {
            tunnel.send(new StreamMessage(connection.id(), StreamMessageType.LOGS_CONNECT,
                    new StreamConnectRequest(connection.id(), path, request.getQueryString(), headers(request))
                            .encode()));
            LOG.fine(() -> "logs of " + path + " asked of edge node " + route.get().node() + " (stream connection "
                    + connection.id() + ")");
            stream(connection, response);
        } finally {
            tunnel.close(connection);
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

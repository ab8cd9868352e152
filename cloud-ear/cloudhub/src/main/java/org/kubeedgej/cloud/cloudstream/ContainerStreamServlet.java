package org.kubeedgej.cloud.cloudstream;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.kubeedgej.shared.stream.StreamConnectRequest;
import org.kubeedgej.shared.stream.StreamMessage;
import org.kubeedgej.shared.stream.StreamMessageType;

/**
 * The kubelet's {@code /exec/<namespace>/<pod>[/<uid>]/<container>} and {@code /attach/...} on the stream port, as
 * KubeEdge's CloudStream serves them: the API server's upgrade request goes to the pod's edge as an EXEC_CONNECT (or
 * ATTACH_CONNECT) with its method, URL and headers; the edge answers as a kubelet does. A 101 is passed on and the
 * connection becomes a byte pipe to the edge ({@link StreamPipeHandler}); any other answer is passed on as it is.
 */
@WebServlet({ContainerStreamServlet.EXEC_PATH + "*", ContainerStreamServlet.ATTACH_PATH + "*"})
public class ContainerStreamServlet extends HttpServlet {

    static final String EXEC_PATH = "/exec/";
    static final String ATTACH_PATH = "/attach/";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ContainerStreamServlet.class.getName());
    /** Credentials of the API server stay here; the rest (the upgrade and protocol headers) is the edge's to read. */
    private static final Set<String> KEPT_HEADERS = Set.of("authorization", "cookie", "proxy-authorization",
            StreamClientIdentity.HEADER.toLowerCase(java.util.Locale.ROOT));
    /** Headers of the edge's answer that describe its own connection, not the API server's. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "transfer-encoding",
            "keep-alive", "date");

    @Inject
    transient PodTunnelRoutes routes;

    @Inject
    transient CloudStreamConfig config;

    @Resource
    transient ManagedExecutorService executor;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException,
            jakarta.servlet.ServletException {
        if (!"GET".equals(request.getMethod()) && !"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, POST");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "exec and attach are GET or POST");
            return;
        }
        String path = request.getRequestURI();
        boolean exec = path.startsWith(EXEC_PATH);
        String[] parts = path.substring(exec ? EXEC_PATH.length() : ATTACH_PATH.length()).split("/", -1);
        if ((parts.length != 3 && parts.length != 4) || List.of(parts).contains("")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "expected " + (exec ? EXEC_PATH : ATTACH_PATH)
                    + "<namespace>/<pod>[/<uid>]/<container>");
            return;
        }
        if (!isUpgrade(request)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "request was not an upgrade");
            return;
        }
        Optional<PodTunnelRoutes.Route> route = routes.open(parts[0], parts[1], response);
        if (route.isEmpty()) {
            return;
        }
        TunnelSession tunnel = route.get().tunnel();
        StreamConnection connection = route.get().connection();
        boolean piped = false;
        try {
            tunnel.send(new StreamMessage(connection.id(), exec ? StreamMessageType.EXEC_CONNECT
                    : StreamMessageType.ATTACH_CONNECT, new StreamConnectRequest(connection.id(), path,
                            request.getQueryString(), headers(request), request.getMethod()).encode()));
            UpgradeAnswer answer;
            try {
                answer = UpgradeAnswer.read(connection, System.currentTimeMillis()
                        + config.edgeAnswerSeconds() * 1000L);
            } catch (IllegalStateException e) {
                response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "edge node " + route.get().node() + ": "
                        + e.getMessage());
                return;
            }
            if (answer == null) {
                response.sendError(HttpServletResponse.SC_GATEWAY_TIMEOUT, "edge node " + route.get().node()
                        + " did not answer the " + (exec ? "exec" : "attach") + " within "
                        + config.edgeAnswerSeconds() + " s" + (connection.endReason() == null ? ""
                                : " (" + connection.endReason() + ")"));
                return;
            }
            response.setStatus(answer.status());
            answer.headers().stream().filter(h -> !HOP_HEADERS.contains(h.getKey().toLowerCase()))
                    .forEach(h -> response.addHeader(h.getKey(), h.getValue()));
            if (answer.status() == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
                response.setHeader("Connection", "Upgrade");
                StreamPipeHandler pipe = request.upgrade(StreamPipeHandler.class);
                pipe.bind(tunnel, connection, answer.rest(), executor, route.get().node() + " " + path);
                piped = true;
                LOG.info(() -> (exec ? "exec" : "attach") + " " + path + " piped to edge node " + route.get().node()
                        + " (stream connection " + connection.id() + ")");
                return;
            }
            relayBody(answer, connection, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!piped) {
                tunnel.close(connection);
            }
        }
    }

    /** An error answer: its body is what came after the head, and what follows until the edge ends it. */
    private static void relayBody(UpgradeAnswer answer, StreamConnection connection, HttpServletResponse response)
            throws IOException, InterruptedException {
        var out = response.getOutputStream();
        out.write(answer.rest());
        long until = System.currentTimeMillis() + 5000;
        byte[] data;
        while (System.currentTimeMillis() < until && (data = connection.next(250)) != null && data.length > 0) {
            out.write(data);
        }
    }

    private static boolean isUpgrade(HttpServletRequest request) {
        boolean connectionUpgrade = Collections.list(request.getHeaders("Connection")).stream()
                .flatMap(v -> List.of(v.split(",")).stream()).anyMatch(v -> v.strip().equalsIgnoreCase("upgrade"));
        return connectionUpgrade && request.getHeader("Upgrade") != null;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> forwarded = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!KEPT_HEADERS.contains(name.toLowerCase())) {
                forwarded.computeIfAbsent(canonical(name), n -> new java.util.ArrayList<>())
                        .addAll(Collections.list(request.getHeaders(name)));
            }
        }
        return forwarded;
    }

    /** Go's http.CanonicalHeaderKey, which a KubeEdge edge's header lookups expect (x-stream-protocol-version). */
    static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }
}

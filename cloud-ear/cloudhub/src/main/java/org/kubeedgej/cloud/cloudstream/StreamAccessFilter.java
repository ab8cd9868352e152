package org.kubeedgej.cloud.cloudstream;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;
import org.kubeedgej.cloud.cloudhub.NodeCertificateIdentity;

/**
 * Who may use CloudStream's two ports, checked before anything else (TLS has already required a certificate from
 * the project CA). The tunnel port takes only {@code /v1/kubeedge/connect} from an edge whose certificate names the
 * node in its {@code SessionHostNameOverride} header. The stream port ({@link StreamPortListener}, which passes
 * requests to Liberty's backend port with the certificate's name) takes kubelet paths only from the API server's
 * kubelet client ({@link CloudStreamConfig#apiServerClientNames()}): edge certificates come from the same CA, and a
 * node must not read other nodes' pods.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StreamAccessFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(StreamAccessFilter.class.getName());
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    static final String CONNECT_PATH = "/v1/kubeedge/connect";

    @Inject
    CloudStreamConfig config;

    @Inject
    StreamClientIdentity identity;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        int port = request.getLocalPort();
        if (port == config.tunnelPort()) {
            checkTunnel(request, response, chain);
        } else if (port == config.backendPort()) {
            checkStream(request, response, chain);
        } else if (request.getRequestURI().equals(CONNECT_PATH)
                || request.getRequestURI().startsWith(ContainerLogsServlet.PATH)
                || request.getRequestURI().startsWith(MetricsApiServlet.PATH)
                || request.getRequestURI().startsWith(ContainerStreamServlet.EXEC_PATH)
                || request.getRequestURI().startsWith(ContainerStreamServlet.ATTACH_PATH)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "CloudStream answers on its own ports: the tunnel on "
                    + config.tunnelPort() + ", the API server side on " + config.streamPort());
        } else {
            chain.doFilter(request, response);
        }
    }

    private void checkTunnel(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!CONNECT_PATH.equals(request.getRequestURI())) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, "?", "the tunnel port serves " + CONNECT_PATH);
            return;
        }
        String header = request.getHeader(TunnelHandshake.NODE_HEADER);
        X509Certificate certificate = clientCertificate(request);
        NodeCertificateIdentity identity = certificate == null ? null
                : NodeCertificateIdentity.of(certificate.getSubjectX500Principal());
        if (identity == null || identity.node() == null) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, String.valueOf(header), identity == null
                    ? "no client certificate" : identity.problem());
            return;
        }
        if (header == null || !header.equals(identity.node())) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, identity.node(), "the " + TunnelHandshake.NODE_HEADER
                    + " header '" + header + "' does not name the node of the client certificate");
            return;
        }
        chain.doFilter(request, response);
    }

    private void checkStream(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // StreamPortListener verified the certificate and asserts its name; nobody else knows the secret.
        String name = identity.verified(request.getHeader(StreamClientIdentity.HEADER)).orElse(null);
        if (name == null) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "-", "the stream backend port " + config.backendPort()
                    + " serves only what the stream port " + config.streamPort() + " passes on");
            return;
        }
        if (!config.apiServerClientNames().contains(name)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "-", "the stream port serves the API server's kubelet"
                    + " client (CN one of " + config.apiServerClientNames() + "), not CN=" + name
                    + "; set modules.cloudStream.apiServerClientNames for another name");
            return;
        }
        chain.doFilter(request, response);
    }

    private static X509Certificate clientCertificate(HttpServletRequest request) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        return chain == null || chain.length == 0 ? null : chain[0];
    }

    private static void refuse(HttpServletResponse response, int status, String node, String reason)
            throws IOException {
        LOG.warning(() -> "cloudstream refused a request (node " + node + ", HTTP " + status + "): " + reason);
        response.sendError(status, reason);
    }
}

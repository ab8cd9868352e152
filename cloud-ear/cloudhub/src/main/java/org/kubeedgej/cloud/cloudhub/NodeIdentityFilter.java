package org.kubeedgej.cloud.cloudhub;

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
import java.util.regex.Pattern;

/**
 * Checks who is connecting BEFORE the WebSocket upgrade, so a refusal is a plain HTTP status with a reason:
 * the URL must be /&lt;projectID&gt;/&lt;nodeID&gt;/events, the node_id header must be present and name the same node,
 * the node id must be a DNS-1123 name, the client certificate must name that node ({@link NodeCertificateIdentity}:
 * KubeEdge's {@code CN=system:node:<node>, O=system:nodes} or a plain CN), and CloudHub must have room (nodeLimit). TLS already
 * rejected clients without a certificate from the project CA.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class NodeIdentityFilter extends HttpFilter {

    static final String NODE_ID_HEADER = "node_id";
    static final String PROJECT_ID_HEADER = "project_id";
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    /** A DNS-1123 subdomain, what Kubernetes accepts as a Node name. */
    private static final Pattern NODE_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** KubeEdge takes any project id and only logs it; ours is bounded so that logs and metrics stay clean. */
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Logger LOG = Logger.getLogger(NodeIdentityFilter.class.getName());

    @Inject
    NodeSessions sessions;

    @Inject
    CloudHubConfig config;

    @Inject
    org.kubeedgej.cloud.cloudstream.CloudStreamConfig streamConfig;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        int port = request.getLocalPort();
        if (port == streamConfig.backendPort() || port == streamConfig.tunnelPort()) {
            // CloudStream's ports: StreamAccessFilter checks who is calling.
            chain.doFilter(request, response);
            return;
        }
        if (port == config.httpsPort()) {
            // The certificate service's port serves /ca.crt and /edge.crt, never the WebSocket.
            if (CertificateEndpoint.PATHS.contains(request.getRequestURI())) {
                chain.doFilter(request, response);
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "the certificate service serves "
                        + CertificateEndpoint.PATHS + "; edge nodes connect to CloudHub's port");
            }
            return;
        }
        String[] path = request.getRequestURI().split("/");
        if (path.length != 4 || !path[0].isEmpty() || !"events".equals(path[3])) {
            refuse(response, HttpServletResponse.SC_NOT_FOUND, "?", "unknown path " + request.getRequestURI()
                    + "; edge nodes connect to /<projectID>/<nodeID>/events");
            return;
        }
        String nodeId = path[2];
        String header = request.getHeader(NODE_ID_HEADER);
        if (header == null || header.isBlank()) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, nodeId, "missing node_id header; the edge must send"
                    + " node_id and project_id headers as KubeEdge's EdgeHub does");
            return;
        }
        if (!header.equals(nodeId)) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, nodeId, "node_id header '" + header
                    + "' does not match the node in the URL");
            return;
        }
        if (!NODE_NAME.matcher(nodeId).matches()) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "?", "node id '" + abbreviate(nodeId)
                    + "' is not a DNS-1123 subdomain name (lower case letters, digits, '-' and '.', at most 253)");
            return;
        }
        String projectId = path[1];
        String projectHeader = request.getHeader(PROJECT_ID_HEADER);
        if (!PROJECT_ID.matcher(projectId).matches()
                || (projectHeader != null && !projectHeader.isBlank() && !projectHeader.equals(projectId))) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, nodeId, "project id '" + abbreviate(projectId)
                    + "' must be 1-128 letters, digits, '.', '_' or '-' and match the project_id header (KubeEdge's"
                    + " edgeHub.projectID, default e632aba927ea4ac2b575ec1603d56f10)");
            return;
        }
        X509Certificate[] chain0 = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        if (chain0 == null || chain0.length == 0) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, nodeId, "no client certificate; join the node"
                    + " (bin/kubeedge-j join) or give it one from certs/certgen.sh edge <dir> " + nodeId);
            return;
        }
        NodeCertificateIdentity identity = NodeCertificateIdentity.of(chain0[0].getSubjectX500Principal());
        if (identity.nodeName().isEmpty()) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, nodeId, identity.problem());
            return;
        }
        if (!identity.node().equals(nodeId)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, nodeId, "client certificate is for node '"
                    + identity.node() + "', not for '" + nodeId + "'");
            return;
        }
        if (sessions.isFullFor(nodeId)) {
            refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, nodeId, "node limit reached ("
                    + sessions.connectedCount() + " nodes connected, modules.cloudHub.nodeLimit="
                    + sessions.nodeLimit() + "); raise nodeLimit or add a CloudCore");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String nodeId, String reason)
            throws IOException {
        LOG.warning(() -> "cloudhub refused a connection for node " + nodeId + " (HTTP " + status + "): " + reason);
        response.setHeader("X-KubeEdge-Refused", reason);
        response.sendError(status, reason);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

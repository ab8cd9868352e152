package org.kubeedgej.cloud.cloudhub;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.kubeedgej.cloud.certificate.CertificateAuthority;
import org.kubeedgej.cloud.certificate.EdgeCertificateRequest;

/**
 * KubeEdge's certificate service on {@code modules.cloudHub.https} (10002): {@code GET /ca.crt} answers the CA in DER;
 * {@code GET /edge.crt} takes a DER CSR with headers {@code NodeName}, {@code ExtKeyUsages} and either
 * {@code Authorization: Bearer <token>} (joining) or the node's current certificate as TLS client certificate
 * (renewing), and answers the signed certificate in DER. A refusal is a plain-text reason with 400, 401, 403 or 503,
 * and a log line naming the node.
 */
@WebServlet(urlPatterns = {CertificateEndpoint.CA_PATH, CertificateEndpoint.CERT_PATH})
public class CertificateEndpoint extends HttpServlet {

    static final String CA_PATH = "/ca.crt";
    static final String CERT_PATH = "/edge.crt";
    static final Set<String> PATHS = Set.of(CA_PATH, CERT_PATH);
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CertificateEndpoint.class.getName());
    private static final String DER = "application/octet-stream";
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    @Inject
    transient CertificateAuthority authority;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<byte[]> ca = authority.caDer();
        if (ca.isEmpty()) {
            refuse(response, 503, request.getHeader("NodeName"), "the certificate service has no CA yet (it reads"
                    + " certs/ca.crt or Secret kubeedge/casecret at start); try again shortly");
            return;
        }
        if (CA_PATH.equals(request.getRequestURI())) {
            send(response, ca.get());
            return;
        }
        String node = request.getHeader("NodeName");
        String refusal = callerRefusal(request, node);
        if (refusal != null) {
            refuse(response, 401, node, refusal);
            return;
        }
        byte[] csr = readBounded(request.getInputStream());
        if (csr == null) {
            refuse(response, 400, node, "the CSR is larger than " + EdgeCertificateRequest.MAX_CSR_BYTES + " bytes");
            return;
        }
        try {
            EdgeCertificateRequest checked = EdgeCertificateRequest.check(node, csr, request.getHeader("ExtKeyUsages"));
            byte[] certificate = authority.sign(checked);
            LOG.info(() -> "certificate service: signed a certificate for edge node " + node + " ("
                    + (hasClientCertificate(request) ? "renewal" : "join with a token") + ")");
            send(response, certificate);
        } catch (EdgeCertificateRequest.Refused e) {
            refuse(response, e.status(), node, e.getMessage());
        } catch (GeneralSecurityException e) {
            refuse(response, 500, node, "signing failed: " + e.getMessage());
        }
    }

    /** A renewing node shows its certificate, which must name it; a joining one a valid token. */
    private String callerRefusal(HttpServletRequest request, String node) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        if (chain != null && chain.length > 0) {
            NodeCertificateIdentity identity = NodeCertificateIdentity.of(chain[0].getSubjectX500Principal());
            if (identity.nodeName().isEmpty()) {
                return identity.problem();
            }
            return identity.node().equals(node) ? null : "the client certificate is for node '" + identity.node()
                    + "', not for '" + node + "'";
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "no token and no client certificate; join with bin/kubeedge-j join --token=<gettoken's output>";
        }
        return authority.tokenRefusal(authorization.substring("Bearer ".length()).trim());
    }

    private static boolean hasClientCertificate(HttpServletRequest request) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        return chain != null && chain.length > 0;
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(EdgeCertificateRequest.MAX_CSR_BYTES + 1);
        return body.length > EdgeCertificateRequest.MAX_CSR_BYTES ? null : body;
    }

    private static void send(HttpServletResponse response, byte[] der) throws IOException {
        response.setStatus(200);
        response.setContentType(DER);
        response.setContentLength(der.length);
        response.getOutputStream().write(der);
    }

    private static void refuse(HttpServletResponse response, int status, String node, String reason)
            throws IOException {
        String who = node == null || node.isBlank() ? "an unnamed node" : "edge node " + abbreviate(node);
        LOG.warning(() -> "certificate service refused " + who + " (HTTP " + status + "): " + reason);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(reason);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

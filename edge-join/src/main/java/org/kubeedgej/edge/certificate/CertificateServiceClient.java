package org.kubeedgej.edge.certificate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The edge's side of CloudCore's certificate service (KubeEdge's HTTPS API on {@code modules.cloudHub.https.port},
 * 10002, which {@code modules.edgeHub.httpServer} names): {@code GET /ca.crt} answers the CA in DER;
 * {@code GET /edge.crt} takes a PKCS#10 request in DER with the headers {@code NodeName}, {@code ExtKeyUsages} and
 * either {@code Authorization: Bearer <jwt>} or the node's current certificate as TLS client certificate, and answers
 * the signed certificate in DER. Every failure comes back as a {@link CertificateServiceException} with its fix.
 */
public final class CertificateServiceClient {

    /** Go's x509.ExtKeyUsageClientAuth, as a JSON list: what an edge node's certificate is for. */
    static final String CLIENT_AUTH_USAGES = "[2]";
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String host;

    private CertificateServiceClient(URI base) {
        this.base = base;
        this.host = base.getHost();
    }

    /**
     * @param httpServer {@code https://host:port}, as edgecore.yaml's {@code modules.edgeHub.httpServer}
     * @return a client for it
     */
    public static CertificateServiceClient of(String httpServer) {
        URI uri;
        try {
            uri = URI.create(httpServer.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new CertificateServiceException("'" + httpServer + "' is not CloudCore's certificate service"
                    + " address (https://HOST:PORT)", "set modules.edgeHub.httpServer to https://<cloudcore address>:10002");
        }
        return new CertificateServiceClient(uri);
    }

    /** @return the service's address */
    public URI address() {
        return base;
    }

    /**
     * Fetches the CA without checking the server (there is nothing to check it against yet); the caller pins what it
     * got with the join token's hash before trusting it, as KubeEdge's edge does.
     *
     * @return the CA certificate in DER
     */
    public byte[] fetchCa() {
        Answer response = send(TlsContexts.unverified(), get("/ca.crt").build(), "fetch the CA");
        if (response.status() != 200) {
            throw refused("/ca.crt", response, "is --certport CloudCore's certificate port (10002)? see cloudcore's log");
        }
        try {
            certificate(response.body());
        } catch (CertificateException e) {
            throw new CertificateServiceException(url("/ca.crt") + " did not answer a certificate (" + e.getMessage()
                    + ")", "check that --certport is CloudCore's certificate port (modules.cloudHub.https.port,"
                    + " 10002), not another service");
        }
        return response.body();
    }

    /**
     * Asks for a certificate with the join token.
     *
     * @param key the node's new key
     * @param nodeName the node
     * @param token the join token (its CA hash checked already)
     * @param ca the CA the server's certificate must chain to
     * @return the signed certificate
     */
    public X509Certificate requestWithToken(NodeKey key, String nodeName, JoinToken token, X509Certificate ca) {
        HttpRequest request = edgeCertRequest(key, nodeName).header("Authorization", "Bearer " + token.jwt()).build();
        Answer response = send(TlsContexts.trusting(ca, null), request, "request the node certificate");
        if (response.status() != 200) {
            String fix = switch (response.status()) {
                case 401 -> "the token is wrong or has expired" + token.expiry().map(t -> " (it says it expires at " + t
                        + ")").orElse("") + ": get a fresh one with `bin/kubeedge-j gettoken` on the cloud host";
                default -> fixFor(response.status());
            };
            throw refused("/edge.crt", response, fix);
        }
        return checked(response.body(), key, nodeName, ca);
    }

    /**
     * Renews the node's certificate, authenticating with the current one (no token), as KubeEdge's edge rotates.
     *
     * @param key the node's new key
     * @param nodeName the node
     * @param current a key store with the current key and certificate (the TLS client credential)
     * @param password its key password
     * @param ca the CA the server's certificate must chain to
     * @return the signed certificate
     */
    public X509Certificate renew(NodeKey key, String nodeName, KeyStore current, char[] password, X509Certificate ca) {
        Answer response = send(TlsContexts.trusting(ca, new TlsContexts.ClientKey(current, password)),
                edgeCertRequest(key, nodeName).build(), "renew the node certificate");
        if (response.status() != 200) {
            String fix = switch (response.status()) {
                case 401, 403 -> "CloudCore no longer accepts this node's certificate (expired, or from another CA):"
                        + " run `bin/kubeedge-j reset` and join again with a fresh token";
                default -> fixFor(response.status());
            };
            throw refused("/edge.crt", response, fix);
        }
        return checked(response.body(), key, nodeName, ca);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET();
    }

    private HttpRequest.Builder edgeCertRequest(NodeKey key, String nodeName) {
        // KubeEdge's edge sends the request as the body of a GET.
        return HttpRequest.newBuilder(base.resolve("/edge.crt")).timeout(REQUEST_TIMEOUT)
                .method("GET", HttpRequest.BodyPublishers.ofByteArray(key.certificationRequest(nodeName)))
                .header("NodeName", nodeName)
                .header("ExtKeyUsages", CLIENT_AUTH_USAGES)
                .header("Content-Type", "application/octet-stream");
    }

    private Answer send(SSLContext tls, HttpRequest request, String what) {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    throw new CertificateServiceException(url(request.uri().getPath()) + " answered more than "
                            + MAX_BODY_BYTES + " bytes", "check --certport: this is not CloudCore's certificate service");
                }
                return new Answer(response.statusCode(), body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateServiceException("interrupted while trying to " + what, "try again");
        } catch (IOException e) {
            throw unreachable(what, request.uri().getPath(), e);
        }
    }

    private CertificateServiceException unreachable(String what, String path, IOException e) {
        String cause = rootCause(e);
        if (e instanceof HttpConnectTimeoutException) {
            cause = "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        } else if (e instanceof ConnectException && cause.startsWith("ClosedChannelException")) {
            cause = "connection refused"; // how the JDK's client reports it
        }
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return new CertificateServiceException("cannot reach CloudCore's certificate service at " + base + " to "
                    + what + ": " + cause, "check that cloudcore runs on " + host + " and serves HTTPS on port "
                    + base.getPort() + " (modules.cloudHub.https.port; pass --certport if it is not 10002), and that"
                    + " this host can reach it (address, routes, firewall)", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new CertificateServiceException("CloudCore's certificate service at " + base + " did not answer"
                    + " within " + REQUEST_TIMEOUT.toSeconds() + " s when asked to " + what,
                    "check cloudcore's log and load; try again", e);
        }
        if (cause.contains("No subject alternative names") || cause.contains("No name matching")) {
            return new CertificateServiceException("CloudCore's server certificate does not name " + host + " ("
                    + cause + ")", "add " + host + " to modules.cloudHub.advertiseAddress (IP) or dnsNames in"
                    + " cloudcore's config and restart it, or join with an address its certificate names", e);
        }
        if (hasCause(e, SSLException.class)) {
            return new CertificateServiceException("the TLS handshake with " + base + " failed when trying to " + what
                    + ": " + cause, "CloudCore's server certificate must be signed by the CA it serves at /ca.crt;"
                    + " check that --certport is its certificate port (10002), not CloudHub's (10000)", e);
        }
        return new CertificateServiceException("talking to " + url(path) + " failed when trying to " + what + ": "
                + cause, "check that --certport is CloudCore's certificate port (10002), not CloudHub's (10000),"
                + " and cloudcore's log", e);
    }

    private CertificateServiceException refused(String path, Answer response, String fix) {
        String reason = new String(response.body(), StandardCharsets.UTF_8).strip();
        if (reason.length() > 500) {
            reason = reason.substring(0, 500) + "...";
        }
        return new CertificateServiceException("CloudCore refused " + url(path) + " with HTTP " + response.status()
                + (reason.isEmpty() ? "" : ": " + reason), fix);
    }

    private static String fixFor(int status) {
        return switch (status) {
            case 400 -> "the request was malformed in CloudCore's eyes; check that --edgenode-name is a lower-case"
                    + " DNS-1123 name";
            case 403 -> "CloudCore does not allow this node; see its reason above";
            case 404 -> "no certificate service at that address: is --certport CloudCore's certificate port (10002),"
                    + " not CloudHub's (10000)?";
            default -> "see cloudcore's log for the reason";
        };
    }

    private X509Certificate checked(byte[] der, NodeKey key, String nodeName, X509Certificate ca) {
        try {
            X509Certificate cert = certificate(der);
            if (!Arrays.equals(cert.getPublicKey().getEncoded(), key.publicKey().getEncoded())) {
                throw new CertificateException("it certifies another key than the one this node asked for");
            }
            cert.verify(ca.getPublicKey());
            String subject = cert.getSubjectX500Principal().getName();
            if (!subject.contains("CN=" + NodeKey.NODE_CN_PREFIX + nodeName)) {
                throw new CertificateException("its subject is " + subject + ", not CN=" + NodeKey.NODE_CN_PREFIX
                        + nodeName);
            }
            return cert;
        } catch (GeneralSecurityException e) {
            throw new CertificateServiceException("CloudCore answered /edge.crt with a certificate this node cannot use: "
                    + e.getMessage(), "check cloudcore's CA (Secret kubeedge/casecret) and its log", e);
        }
    }

    /**
     * @param der a certificate in DER (PEM is accepted too)
     * @return it, parsed
     * @throws CertificateException when it is none
     */
    public static X509Certificate certificate(byte[] der) throws CertificateException {
        if (der.length == 0) {
            throw new CertificateException("empty body");
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** A status and a body of at most MAX_BODY_BYTES. */
    private record Answer(int status, byte[] body) {
    }

    private String url(String path) {
        return base + path;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

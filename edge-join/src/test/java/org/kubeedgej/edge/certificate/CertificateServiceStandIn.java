package org.kubeedgej.edge.certificate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in for CloudCore's certificate service on 127.0.0.1 (KubeEdge's API: {@code GET /ca.crt}, {@code GET
 * /edge.crt} with a CSR body and a bearer token or the node's certificate). Its CA and its server certificate (IP SAN
 * 127.0.0.1) are made with the JDK's keytool, which also signs the requests: keytool's own PKCS#10 parser checking
 * the requests this project writes is part of the point. Tests can make it refuse the next request, and shorten or
 * back-date the certificates it issues.
 */
public final class CertificateServiceStandIn implements AutoCloseable {

    /** One /edge.crt call as the server saw it. */
    public record Call(Map<String, List<String>> headers, String clientSubject, byte[] csr) {
    }

    private static final String PASSWORD = "changeit";
    private static final byte[] JWT_KEY = "stand-in-hmac-key".getBytes(StandardCharsets.UTF_8);

    private final Path dir;
    private final HttpsServer server;
    private final X509Certificate ca;
    private final String jwt;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile String startDate = "-1m";
    private volatile int validityDays = 365;
    private volatile int nextStatus;
    private volatile byte[] nextBody;

    /**
     * @param dir a scratch directory for keytool's files
     * @throws Exception when keytool or the server fails
     */
    public CertificateServiceStandIn(Path dir) throws Exception {
        this.dir = dir;
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=stand-in CA", "-ext", "bc:c", "-validity", "3650", "-keystore", "ca.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=cloudcore", "-validity", "365", "-keystore", "server.p12");
        keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.der",
                "-ext", "san=ip:127.0.0.1", "-ext", "eku=serverAuth", "-validity", "365");
        KeyStore caStore = load("ca.p12");
        ca = (X509Certificate) caStore.getCertificate("ca");
        KeyStore serverStore = load("server.p12");
        PrivateKey serverKey = (PrivateKey) serverStore.getKey("server", PASSWORD.toCharArray());
        X509Certificate serverCert = CertificateServiceClient.certificate(Files.readAllBytes(dir.resolve("server.der")));
        serverStore.setKeyEntry("server", serverKey, PASSWORD.toCharArray(), new Certificate[] {serverCert, ca});

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverStore, PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        jwt = hs256Jwt("{\"exp\":" + (System.currentTimeMillis() / 1000 + 86400) + "}");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setWantClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/ca.crt", this::caCrt);
        server.createContext("/edge.crt", this::edgeCrt);
        server.start();
    }

    /** @return {@code https://127.0.0.1:PORT} */
    public String httpServer() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the CA */
    public X509Certificate ca() {
        return ca;
    }

    /** @return a join token for this CA, in KubeEdge's form */
    public String token() throws Exception {
        return JoinToken.sha256Hex(ca.getEncoded()) + "." + jwt;
    }

    /** @return what /edge.crt was called with, in order */
    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Certificates issued from now on start at {@code startDate} (keytool form, e.g. "-10d") and last this long. */
    public void issue(String startDate, int validityDays) {
        this.startDate = startDate;
        this.validityDays = validityDays;
    }

    /** The next /edge.crt call gets this answer, as CloudCore answers a refusal (plain text). */
    public void refuseNext(int status, String reason) {
        answerNext(status, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** The next /edge.crt call gets this answer, whatever it asks. */
    public void answerNext(int status, byte[] body) {
        this.nextBody = body;
        this.nextStatus = status;
    }

    private void caCrt(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, 200, ca.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    private void edgeCrt(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] csr;
            try (InputStream in = exchange.getRequestBody()) {
                csr = in.readAllBytes();
            }
            String node = exchange.getRequestHeaders().getFirst("NodeName");
            String clientSubject = clientSubject((HttpsExchange) exchange);
            calls.add(new Call(Map.copyOf(exchange.getRequestHeaders()), clientSubject, csr));
            if (nextStatus != 0) {
                int status = nextStatus;
                nextStatus = 0;
                respond(exchange, status, nextBody);
                return;
            }
            if (clientSubject != null) {
                if (!clientSubject.contains("CN=system:node:" + node)) {
                    respond(exchange, 401, "request node name is not match with the certificate".getBytes());
                    return;
                }
            } else if (!("Bearer " + jwt).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "token validation failure".getBytes());
                return;
            }
            respond(exchange, 200, sign(csr));
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static String clientSubject(HttpsExchange exchange) {
        try {
            Certificate[] chain = exchange.getSSLSession().getPeerCertificates();
            return ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private synchronized byte[] sign(byte[] csrDer) throws Exception {
        Files.writeString(dir.resolve("node.csr"), PemFiles.encode("CERTIFICATE REQUEST", csrDer));
        Files.deleteIfExists(dir.resolve("node.der"));
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "node.csr", "-outfile", "node.der",
                "-startdate", startDate, "-validity", Integer.toString(validityDays), "-ext", "eku=clientAuth",
                "-ext", "ku=digitalSignature,keyEncipherment");
        return Files.readAllBytes(dir.resolve("node.der"));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static String hs256Jwt(String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(JWT_KEY, "HmacSHA256"));
        return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

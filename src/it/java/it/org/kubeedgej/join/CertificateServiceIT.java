package it.org.kubeedgej.join;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Secret;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CloudCore's certificate service as a joining KubeEdge edge uses it (port 10002): the CA in DER matching the
 * token's hash, a certificate for the node's CSR with a token, renewal with the current certificate, the Secrets
 * KubeEdge keeps, a joined node's certificate accepted by CloudHub, and every refusal with its reason.
 */
class CertificateServiceIT {

    private static final int HTTP_PORT = 19740;
    private static final int HUB_PORT = HTTP_PORT + 1000;
    private static final int CERT_PORT = HTTP_PORT + 2000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DevCluster cluster;
    private static CoreV1Api api;
    private static TestCertificates certs;
    private static LibertyServer cloudcore;
    private static byte[] caDer;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "certservice-it"));
        certs = TestCertificates.generate(work.resolve("certs"));
        cluster = DevCluster.start().installProjectCrds();
        api = new CoreV1Api(cluster.client());
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        caDer = caFromFile();
        token = new String(awaitSecret("tokensecret").getData().get("tokendata"), StandardCharsets.US_ASCII);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(cloudcore, cluster);
    }

    @Test
    void caIsServedInDerAndMatchesTheTokensHash() throws Exception {
        HttpResponse<byte[]> ca = get("/ca.crt", untrusted(), Map.of(), new byte[0]);
        assertEquals(200, ca.statusCode());
        assertArrayEquals(caDer, ca.body());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.body())),
                token.substring(0, token.indexOf('.')), "KubeEdge's token: hex SHA-256 of the CA's DER, a dot, a JWT");
        V1Secret casecret = awaitSecret("casecret");
        assertArrayEquals(caDer, casecret.getData().get("cadata"));
        assertTrue(casecret.getData().containsKey("cakeydata"));
        assertTrue(awaitSecret("cloudcoresecret").getData().containsKey("cloudcoredata"));
    }

    @Test
    void nodeJoinsWithATokenConnectsAndRenewsWithItsCertificate() throws Exception {
        KeyPair keys = ecKeys();
        HttpResponse<byte[]> signed = get("/edge.crt", trusting(), joinHeaders("joiner-1", jwt(token)),
                csr("O=system:nodes,CN=system:node:joiner-1", keys));
        assertEquals(200, signed.statusCode(), new String(signed.body(), StandardCharsets.UTF_8));
        X509Certificate cert = certificate(signed.body());
        assertEquals("CN=system:node:joiner-1,O=system:nodes", cert.getSubjectX500Principal().getName());
        long days = Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays();
        assertTrue(days >= 364 && days <= 365, "edgeCertSigningDuration 365 days: " + days);

        // The joined node's certificate is one CloudHub accepts.
        SSLContext nodeTls = withKey(keys, cert);
        try (TestEdgeClient edge = TestEdgeClient.connect(HUB_PORT, "joiner-1", nodeTls,
                TestEdgeClient.headersFor("joiner-1"))) {
            assertTrue(!edge.isClosed());
        }

        // Renewal: the current certificate instead of a token.
        KeyPair next = ecKeys();
        HttpResponse<byte[]> renewed = get("/edge.crt", nodeTls, Map.of("NodeName", "joiner-1", "ExtKeyUsages", "[2]"),
                csr("O=system:nodes,CN=system:node:joiner-1", next));
        assertEquals(200, renewed.statusCode(), new String(renewed.body(), StandardCharsets.UTF_8));
        assertEquals(next.getPublic(), certificate(renewed.body()).getPublicKey());

        HttpResponse<byte[]> asOther = get("/edge.crt", nodeTls, Map.of("NodeName", "joiner-2"),
                csr("O=system:nodes,CN=system:node:joiner-2", ecKeys()));
        assertRefused(asOther, 401, "is for node 'joiner-1', not for 'joiner-2'");
    }

    @Test
    void everyBadJoinIsRefusedWithItsReason() throws Exception {
        byte[] good = csr("O=system:nodes,CN=system:node:n1", ecKeys());
        assertRefused(get("/edge.crt", trusting(), Map.of("NodeName", "n1"), good), 401, "no token");
        assertRefused(get("/edge.crt", trusting(), joinHeaders("n1", "abc.def.ghi"), good), 401, "not a JWT");
        String foreignKey = HexFormat.of().formatHex(new byte[32]);
        assertRefused(get("/edge.crt", trusting(), joinHeaders("n1", hs256(foreignKey.getBytes(),
                Instant.now().plusSeconds(3600))), good), 401, "not made with this cluster's CA");
        assertRefused(get("/edge.crt", trusting(), joinHeaders("n1", hs256(caKeyDer(),
                Instant.now().minusSeconds(60))), good), 401, "expired");
        assertRefused(get("/edge.crt", trusting(), joinHeaders("n1", jwt(token)),
                csr("O=system:nodes,CN=system:node:someone-else", ecKeys())), 403, "may only get CN 'system:node:n1'");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertRefused(get("/edge.crt", trusting(), joinHeaders("n1", jwt(token)),
                csr("O=system:nodes,CN=system:node:n1", rsa.generateKeyPair())), 400, "at least 2048");
        assertRefused(get("/edge.crt", trusting(), joinHeaders("Bad_Node", jwt(token)),
                csr("O=system:nodes,CN=system:node:Bad_Node", ecKeys())), 400, "not a DNS-1123 name");
        assertRefused(get("/edge.crt", trusting(), joinHeaders("n1", jwt(token)), "not a csr".getBytes()), 400,
                "not a DER PKCS#10");
        assertTrue(Files.readString(cloudcore.messagesLog()).contains("certificate service refused edge node n1"),
                "refusals are logged with the node");
    }

    @Test
    void theServiceAndTheWebSocketKeepToTheirPorts() throws Exception {
        assertEquals(404, get("/e632aba927ea4ac2b575ec1603d56f10/n1/events", trusting(), Map.of("node_id", "n1"),
                new byte[0]).statusCode());
    }

    private static void assertRefused(HttpResponse<byte[]> response, int status, String reason) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), body);
        assertTrue(body.contains(reason), body);
    }

    private static Map<String, String> joinHeaders(String node, String jwt) {
        return Map.of("NodeName", node, "ExtKeyUsages", "[2]", "Authorization", "Bearer " + jwt);
    }

    /** The edge sends the token without its CA hash, as KubeEdge's edge does. */
    private static String jwt(String joinToken) {
        return joinToken.substring(joinToken.indexOf('.') + 1);
    }

    private static String hs256(byte[] key, Instant expiry) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(("{\"exp\":" + expiry.getEpochSecond() + "}").getBytes());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes()));
    }

    private static HttpResponse<byte[]> get(String path, SSLContext tls, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + CERT_PORT + path))
                .timeout(WAIT).method("GET", HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] csr(String subject, KeyPair keys) throws Exception {
        String algorithm = "EC".equals(keys.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())).getEncoded();
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(der));
    }

    private static byte[] caFromFile() throws Exception {
        return certificate(Files.readAllBytes(certs.dir().resolve("ca.crt"))).getEncoded();
    }

    /** The CA key as the Secret holds it (the token's HMAC key). */
    private static byte[] caKeyDer() throws Exception {
        return awaitSecret("casecret").getData().get("cakeydata");
    }

    private static V1Secret awaitSecret(String name) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return api.readNamespacedSecret(name, "kubeedge").execute();
            } catch (ApiException e) {
                if (e.getCode() != 404 || System.nanoTime() > deadline) {
                    throw new AssertionError("Secret kubeedge/" + name + " was not made: HTTP " + e.getCode(), e);
                }
                Http.pause(Duration.ofMillis(250));
            }
        }
    }

    /** A joining edge fetches /ca.crt before it can trust the server, then pins it by the token's hash. */
    private static SSLContext untrusted() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    private static SSLContext trusting() throws Exception {
        return context(null);
    }

    private static SSLContext withKey(KeyPair keys, X509Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", keys.getPrivate(), new char[0], new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        return context(kmf);
    }

    private static SSLContext context(KeyManagerFactory keys) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificate(caDer));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}

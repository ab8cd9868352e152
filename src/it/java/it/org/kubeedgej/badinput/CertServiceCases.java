package it.org.kubeedgej.badinput;

import static it.org.kubeedgej.badinput.BadInputRig.BAD;
import static it.org.kubeedgej.badinput.BadInputRig.CERT_SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import it.org.kubeedgej.support.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Joins and renewals at CloudCore's certificate service (CloudHub's port + 2000) that must fail: every refusal is an
 * HTTP status with the reason in the body.
 */
final class CertServiceCases {

    private final BadInputRig rig;
    private String token;
    private byte[] caKey;

    CertServiceCases(BadInputRig rig) {
        this.rig = rig;
    }

    List<BadCase> all() {
        List<BadCase> cases = new ArrayList<>();
        String node = "joiner";
        cases.add(refused("join without a token -> 401", () -> edgeCrt(trusting(), Map.of("NodeName", node),
                csr(node)), 401, "no token"));
        cases.add(refused("join with a token that is not a JWT -> 401", () -> edgeCrt(trusting(), join(node,
                "abc.def.ghi"), csr(node)), 401, "not a JWT"));
        cases.add(refused("join with a token signed by another key -> 401", () -> edgeCrt(trusting(), join(node,
                hs256(new byte[32], Instant.now().plusSeconds(3600))), csr(node)), 401,
                "not made with this cluster's CA"));
        cases.add(refused("join with an expired token -> 401", () -> edgeCrt(trusting(), join(node,
                hs256(caKey(), Instant.now().minusSeconds(60))), csr(node)), 401, "expired"));
        cases.add(refused("join with a CSR for another node -> 403", () -> edgeCrt(trusting(), join(node, jwt()),
                csr("O=system:nodes,CN=system:node:someone-else", ecKeys())), 403, "may only get CN"));
        cases.add(refused("join with a weak key (RSA 1024) -> 400", () -> {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(1024);
            return edgeCrt(trusting(), join(node, jwt()), csr("O=system:nodes,CN=system:node:" + node,
                    rsa.generateKeyPair()));
        }, 400, "at least 2048"));
        cases.add(refused("join with a node name that is not DNS-1123 -> 400", () -> edgeCrt(trusting(),
                join("Bad_Node", jwt()), csr("O=system:nodes,CN=system:node:Bad_Node", ecKeys())), 400,
                "not a DNS-1123 name"));
        cases.add(refused("join with a body that is not a CSR -> 400", () -> edgeCrt(trusting(), join(node, jwt()),
                "not a csr".getBytes(StandardCharsets.UTF_8)), 400, "not a DER PKCS#10"));
        cases.add(refused("join with a CSR lacking O=system:nodes -> 403", () -> edgeCrt(trusting(), join(node,
                jwt()), csr("CN=system:node:" + node, ecKeys())), 403, "system:nodes"));
        cases.add(refused("renewal with another node's certificate -> 401", () -> edgeCrt(rig.certs.sslContextFor(
                BAD, rig.certs), Map.of("NodeName", "bi-canary"), csr("bi-canary")), 401, "is for node"));
        cases.add(refused("unknown path on the certificate service -> 404", () -> send("/admin", trusting(),
                Map.of(), new byte[0]), 404, ""));
        return cases;
    }

    private interface Call {
        HttpResponse<byte[]> call() throws Exception;
    }

    private static BadCase refused(String name, Call call, int status, String reason) {
        return BadCase.of(name, () -> {
            HttpResponse<byte[]> response = call.call();
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertEquals(status, response.statusCode(), body);
            assertTrue(body.contains(reason), "expected '" + reason + "' in " + body);
        });
    }

    private HttpResponse<byte[]> edgeCrt(SSLContext tls, Map<String, String> headers, byte[] body) throws Exception {
        return send("/edge.crt", tls, headers, body);
    }

    private static HttpResponse<byte[]> send(String path, SSLContext tls, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + CERT_SERVICE + path))
                .timeout(Duration.ofSeconds(20)).method("GET", HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> join(String node, String jwt) {
        return Map.of("NodeName", node, "ExtKeyUsages", "[2]", "Authorization", "Bearer " + jwt);
    }

    /** The join token without its CA hash, as KubeEdge's edge sends it. */
    private String jwt() throws Exception {
        if (token == null) {
            token = new String(secret("tokensecret").get("tokendata"), StandardCharsets.US_ASCII);
        }
        return token.substring(token.indexOf('.') + 1);
    }

    private byte[] caKey() throws Exception {
        if (caKey == null) {
            caKey = secret("casecret").get("cakeydata");
        }
        return caKey;
    }

    private Map<String, byte[]> secret(String name) throws Exception {
        CoreV1Api api = new CoreV1Api(rig.cluster.client());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return api.readNamespacedSecret(name, "kubeedge").execute().getData();
            } catch (ApiException e) {
                if (e.getCode() != 404 || System.nanoTime() > deadline) {
                    throw new AssertionError("Secret kubeedge/" + name + " was not made: HTTP " + e.getCode(), e);
                }
                Http.pause(Duration.ofMillis(250));
            }
        }
    }

    private static String hs256(byte[] key, Instant expiry) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"exp\":" + expiry.getEpochSecond() + "}";
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] csr(String node) throws Exception {
        return csr("O=system:nodes,CN=system:node:" + node, ecKeys());
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

    /** Trusts the test CA, presents no certificate: a joining edge. */
    private SSLContext trusting() {
        return rig.certs.sslContextFor(null);
    }
}

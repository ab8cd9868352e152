package org.kubeedgej.cloud.certificate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Join tokens, CSR checks and signing, with KubeEdge's formats and every refusal the issue names. */
class CertificateServiceTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T02:00:00Z"), ZoneOffset.UTC);
    private static CaMaterial ca;
    private static CaMaterial otherCa;

    @BeforeAll
    static void makeCas() throws Exception {
        ca = new CertificateIssuer(NOW).newCa(Duration.ofDays(3650));
        otherCa = new CertificateIssuer(NOW).newCa(Duration.ofDays(3650));
    }

    private static byte[] csr(String subject, String algorithm, Object spec) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (spec instanceof Integer bits) {
            generator.initialize(bits);
        } else {
            generator.initialize((ECGenParameterSpec) spec);
        }
        KeyPair keys = generator.generateKeyPair();
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                .build(new JcaContentSignerBuilder("EC".equals(algorithm) ? "SHA256withECDSA" : "SHA256withRSA")
                        .build(keys.getPrivate())).getEncoded();
    }

    private static byte[] nodeCsr(String node) throws Exception {
        return csr("O=system:nodes,CN=system:node:" + node, "EC", new ECGenParameterSpec("secp256r1"));
    }

    @Test
    void tokenHasKubeEdgesShapeAndVerifiesUntilItExpires() {
        JoinTokens underTest = new JoinTokens(NOW);
        String token = underTest.create(ca.certificateDer(), ca.keyDer(), Duration.ofHours(24));
        String[] parts = token.split("\\.");
        assertEquals(4, parts.length, "hash.header.claims.signature");
        assertEquals(JoinTokens.caHash(ca.certificateDer()), parts[0]);
        String jwt = token.substring(parts[0].length() + 1);
        assertNull(underTest.refusal(jwt, ca.keyDer()));
        assertTrue(new JoinTokens(Clock.offset(NOW, Duration.ofHours(25))).refusal(jwt, ca.keyDer()).contains("expired"));
        assertTrue(underTest.refusal(jwt, otherCa.keyDer()).contains("not made with this cluster's CA"));
        assertTrue(underTest.refusal("not-a-jwt", ca.keyDer()).contains("not a JWT"));
        assertTrue(underTest.refusal("", ca.keyDer()).contains("no token"));
    }

    @Test
    void signedCertificateIsTheNodesForAYear() throws Exception {
        EdgeCertificateRequest request = EdgeCertificateRequest.check("worker-1", nodeCsr("worker-1"), "[2]");
        byte[] der = new CertificateIssuer(NOW).edgeCertificate(ca, request, Duration.ofDays(365));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        cert.verify(ca.certificate().getPublicKey());
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=system:node:worker-1"));
        assertTrue(cert.getSubjectX500Principal().getName().contains("O=system:nodes"));
        assertEquals(Instant.parse("2027-12-07T02:00:00Z"), cert.getNotAfter().toInstant());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage(), "client auth");
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
    }

    @Test
    void everyBadRequestIsRefusedWithItsReason() throws Exception {
        assertRefused(403, "may only get CN 'system:node:worker-1'",
                () -> EdgeCertificateRequest.check("worker-1", nodeCsr("worker-2"), "[2]"));
        assertRefused(403, "lacks O=system:nodes", () -> EdgeCertificateRequest.check("worker-1",
                csr("CN=system:node:worker-1", "EC", new ECGenParameterSpec("secp256r1")), "[2]"));
        assertRefused(400, "RSA key has 1024 bits", () -> EdgeCertificateRequest.check("worker-1",
                csr("O=system:nodes,CN=system:node:worker-1", "RSA", 1024), "[2]"));
        assertRefused(400, "not a DNS-1123 name", () -> EdgeCertificateRequest.check("Worker_1!",
                nodeCsr("Worker_1!"), "[2]"));
        assertRefused(400, "not a DER PKCS#10", () -> EdgeCertificateRequest.check("worker-1",
                "garbage".getBytes(), "[2]"));
        assertRefused(400, "not a JSON list", () -> EdgeCertificateRequest.check("worker-1", nodeCsr("worker-1"),
                "clientAuth"));
        assertRefused(403, "usage 3", () -> EdgeCertificateRequest.check("worker-1", nodeCsr("worker-1"), "[2,3]"));
    }

    @Test
    void keyDerStaysKubeEdgesSec1AcrossTheSecret() throws Exception {
        CaMaterial back = CaMaterial.fromDer(ca.certificateDer(), ca.keyDer());
        assertArrayEquals(ca.keyDer(), back.keyDer());
        assertEquals(ca.key(), back.key());
        assertEquals(0x30, ca.keyDer()[0] & 0xff);
        assertEquals(0x02, ca.keyDer()[2] & 0xff);
        assertEquals(1, ca.keyDer()[4], "SEC1 ECPrivateKey version 1, as Go's MarshalECPrivateKey writes");
    }

    @Test
    void serverCertificateCarriesTheAdvertisedAddresses() throws Exception {
        CaMaterial server = new CertificateIssuer(NOW).serverCertificate(ca, List.of("192.0.2.10", "127.0.0.1"),
                List.of("cloudcore.kubeedge.svc"), Duration.ofDays(3650));
        String sans = server.certificate().getSubjectAlternativeNames().toString();
        assertTrue(sans.contains("192.0.2.10") && sans.contains("cloudcore.kubeedge.svc"), sans);
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void assertRefused(int status, String reason, Check check) {
        EdgeCertificateRequest.Refused refused = assertThrows(EdgeCertificateRequest.Refused.class, check::run);
        assertEquals(status, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @Test
    void signingDurationIsDaysAsKubeEdgeOrAShortDuration() {
        assertEquals(Duration.ofDays(365), CertificateConfig.parseDays("365"));
        assertEquals(Duration.ofSeconds(90), CertificateConfig.parseDays("90s"));
        assertEquals(Duration.ofHours(2), CertificateConfig.parseDays("2h"));
        assertThrows(IllegalArgumentException.class, () -> CertificateConfig.parseDays("a year"));
    }
}

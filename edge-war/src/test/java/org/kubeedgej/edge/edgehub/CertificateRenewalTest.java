package org.kubeedgej.edge.edgehub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kubeedgej.edge.certificate.CertificateServiceClient;
import org.kubeedgej.edge.certificate.CertificateServiceException;
import org.kubeedgej.edge.certificate.CertificateServiceStandIn;
import org.kubeedgej.edge.certificate.JoinToken;
import org.kubeedgej.edge.certificate.NodeKey;
import org.kubeedgej.edge.certificate.PemFiles;
import org.kubeedgej.edge.certificate.RotationSchedule;

/**
 * EdgeCore's certificate rotation against a local HTTPS stand-in of CloudCore's certificate service: renewal with the
 * current certificate as TLS client certificate, the swap of KubeEdge's PEM files, and EdgeHub's TLS reading the new
 * pair; a refused renewal leaves the files alone.
 */
class CertificateRenewalTest {

    private static final String NODE = "edge-rot";

    @TempDir
    static Path scratch;
    static CertificateServiceStandIn cloud;

    @TempDir
    Path edge;
    private Path ca;
    private Path cert;
    private Path key;
    private CertificateRenewal underTest;

    @BeforeAll
    static void start() throws Exception {
        cloud = new CertificateServiceStandIn(scratch);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** A node that joined ten days ago with a certificate that has one day left. */
    @BeforeEach
    void join() throws Exception {
        ca = edge.resolve("ca/rootCA.crt");
        cert = edge.resolve("certs/server.crt");
        key = edge.resolve("certs/server.key");
        cloud.issue("-10d", 11);
        NodeKey nodeKey = NodeKey.generate();
        X509Certificate issued = CertificateServiceClient.of(cloud.httpServer())
                .requestWithToken(nodeKey, NODE, JoinToken.parse(cloud.token()), cloud.ca());
        PemFiles.write(ca, PemFiles.CERTIFICATE, cloud.ca().getEncoded(), false);
        PemFiles.writeKeyPair(cert, issued.getEncoded(), key, nodeKey.sec1());
        cloud.issue("-1m", 365);
        underTest = new CertificateRenewal(ca, cert, key, cloud.httpServer(), NODE);
    }

    @Test
    void aCertificateNearItsEndIsDueForRotationNow() throws Exception {
        X509Certificate current = underTest.current();
        assertFalse(RotationSchedule.deadline(current, new SplittableRandom()).isAfter(Instant.now()));
    }

    @Test
    void renewalUsesTheCurrentCertificateAndSwapsKeyAndCertificate() throws Exception {
        X509Certificate before = underTest.current();
        String keyBefore = Files.readString(key);

        X509Certificate renewed = underTest.renew();

        CertificateServiceStandIn.Call call = cloud.calls().get(cloud.calls().size() - 1);
        assertTrue(call.clientSubject().contains("CN=system:node:" + NODE), call.clientSubject());
        assertNull(call.headers().get("Authorization"), "renewal sends no token");
        assertEquals(NODE, call.headers().get("Nodename").get(0));

        assertEquals(renewed, underTest.current());
        assertNotEquals(before.getSerialNumber(), renewed.getSerialNumber());
        assertNotEquals(keyBefore, Files.readString(key), "a new key, not the old one recertified");
        assertTrue(Files.readString(key).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        try (var files = Files.list(cert.getParent())) {
            assertEquals(List.of("server.crt", "server.key"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
        // The new deadline is 70-90 % into the new certificate's year.
        Instant next = RotationSchedule.deadline(renewed, new SplittableRandom());
        Duration in = Duration.between(renewed.getNotBefore().toInstant(), next);
        assertTrue(in.toDays() >= 255 && in.toDays() <= 329, in.toString());
    }

    @Test
    void edgeHubsTlsReadsTheNewPair() throws Exception {
        X509Certificate renewed = underTest.renew();
        EdgeHubTls.context(pemConfig());
        KeyStore pair = PemKeyMaterial.keyStore(cert, key);
        assertEquals(renewed, pair.getCertificate("edge"));
        PrivateKey privateKey = (PrivateKey) pair.getKey("edge", PemKeyMaterial.password());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(renewed.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature), "the key on disk belongs to the certificate on disk");
    }

    @Test
    void refusedRenewalLeavesTheFilesAsTheyWere() throws Exception {
        byte[] certBefore = Files.readAllBytes(cert);
        byte[] keyBefore = Files.readAllBytes(key);
        cloud.refuseNext(401, "failed to verify the certificate for edgenode: x509: certificate has expired");
        CertificateServiceException e = assertThrows(CertificateServiceException.class, underTest::renew);
        assertTrue(e.getMessage().contains("HTTP 401: failed to verify the certificate"), e.getMessage());
        assertTrue(e.fix().contains("bin/kubeedge-j reset"), e.fix());
        assertArrayEquals(certBefore, Files.readAllBytes(cert));
        assertArrayEquals(keyBefore, Files.readAllBytes(key));
    }

    @Test
    void rotationRunsOnlyWithPemFilesAndACertificateService() {
        EdgeHubConfig config = pemConfig();
        assertEquals(Optional.empty(), CertificateRotation.offReason(config));
        config.rotateCertificates = false;
        assertTrue(CertificateRotation.offReason(config).orElseThrow().contains("rotateCertificates=false"));
        config = pemConfig();
        config.keyStore = Optional.of("/x/edge-n.p12");
        assertTrue(CertificateRotation.offReason(config).orElseThrow().contains("PKCS12"));
        config = pemConfig();
        config.httpServer = Optional.empty();
        assertTrue(CertificateRotation.offReason(config).orElseThrow().contains("httpServer"));
        config = pemConfig();
        config.enabled = false;
        assertTrue(CertificateRotation.offReason(config).orElseThrow().contains("disabled"));
    }

    private EdgeHubConfig pemConfig() {
        EdgeHubConfig config = new EdgeHubConfig();
        config.enabled = true;
        config.rotateCertificates = true;
        config.keyStore = Optional.empty();
        config.trustStore = Optional.empty();
        config.httpServer = Optional.of(cloud.httpServer());
        config.caFile = ca.toString();
        config.certFile = cert.toString();
        config.privateKeyFile = key.toString();
        return config;
    }
}

package org.kubeedgej.edge.certificate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate service client against a local HTTPS stand-in with KubeEdge's API. */
class CertificateServiceClientTest {

    @TempDir
    static Path dir;
    static CertificateServiceStandIn cloud;
    static CertificateServiceClient underTest;

    @BeforeAll
    static void start() throws Exception {
        cloud = new CertificateServiceStandIn(dir);
        underTest = CertificateServiceClient.of(cloud.httpServer());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void fetchCaAnswersTheCaThatTheTokenPins() throws Exception {
        byte[] der = underTest.fetchCa();
        assertArrayEquals(cloud.ca().getEncoded(), der);
        JoinToken.parse(cloud.token()).verifyCa(der, "stand-in");
    }

    @Test
    void tokenRequestGetsANodeCertificateForTheNewKey() throws Exception {
        NodeKey key = NodeKey.generate();
        X509Certificate cert = underTest.requestWithToken(key, "edge-a", JoinToken.parse(cloud.token()), cloud.ca());
        assertArrayEquals(key.publicKey().getEncoded(), cert.getPublicKey().getEncoded());
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=system:node:edge-a"), cert.toString());
        assertTrue(cert.getSubjectX500Principal().getName().contains("O=system:nodes"), cert.toString());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());

        CertificateServiceStandIn.Call call = last();
        assertEquals("edge-a", call.headers().get("Nodename").get(0));
        assertEquals("[2]", call.headers().get("Extkeyusages").get(0));
        // The bearer credential is the token without its CA hash, as KubeEdge's edge sends it.
        String jwt = cloud.token().substring(65);
        assertEquals("Bearer " + jwt, call.headers().get("Authorization").get(0));
        assertNull(call.clientSubject());
    }

    @Test
    void wrongTokenIsRefusedWithTheCloudsReasonAndTheFix() throws Exception {
        String token = cloud.token();
        JoinToken wrong = JoinToken.parse(token.substring(0, token.length() - 4) + "AAAA");
        CertificateServiceException e = assertThrows(CertificateServiceException.class,
                () -> underTest.requestWithToken(NodeKey.generate(), "edge-a", wrong, cloud.ca()));
        assertTrue(e.getMessage().contains("HTTP 401: token validation failure"), e.getMessage());
        assertTrue(e.fix().contains("gettoken"), e.fix());
        assertTrue(e.fix().contains("expires at"), e.fix());
    }

    @Test
    void refusalsCarryStatusAndReason() {
        cloud.refuseNext(403, "node edge-a is not allowed to join");
        CertificateServiceException e = assertThrows(CertificateServiceException.class, () -> underTest
                .requestWithToken(NodeKey.generate(), "edge-a", JoinToken.parse(cloud.token()), cloud.ca()));
        assertTrue(e.getMessage().contains("HTTP 403: node edge-a is not allowed to join"), e.getMessage());

        cloud.refuseNext(400, "the CSR names node edge-b, not edge-a");
        e = assertThrows(CertificateServiceException.class, () -> underTest
                .requestWithToken(NodeKey.generate(), "edge-a", JoinToken.parse(cloud.token()), cloud.ca()));
        assertTrue(e.getMessage().contains("HTTP 400: the CSR names node edge-b"), e.getMessage());
        assertTrue(e.fix().contains("DNS-1123"), e.fix());
    }

    @Test
    void renewalAuthenticatesWithTheCurrentCertificateAndNoToken() throws Exception {
        NodeKey first = NodeKey.generate();
        X509Certificate current = underTest.requestWithToken(first, "edge-r", JoinToken.parse(cloud.token()),
                cloud.ca());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("edge", first.privateKey(), new char[0], new Certificate[] {current});

        NodeKey next = NodeKey.generate();
        X509Certificate renewed = underTest.renew(next, "edge-r", store, new char[0], cloud.ca());
        assertArrayEquals(next.publicKey().getEncoded(), renewed.getPublicKey().getEncoded());
        CertificateServiceStandIn.Call call = last();
        assertNull(call.headers().get("Authorization"));
        assertTrue(call.clientSubject().contains("CN=system:node:edge-r"), call.clientSubject());
    }

    @Test
    void renewalForAnotherNodesNameIsRefused() throws Exception {
        NodeKey first = NodeKey.generate();
        X509Certificate current = underTest.requestWithToken(first, "edge-x", JoinToken.parse(cloud.token()),
                cloud.ca());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("edge", first.privateKey(), new char[0], new Certificate[] {current});
        CertificateServiceException e = assertThrows(CertificateServiceException.class,
                () -> underTest.renew(NodeKey.generate(), "edge-y", store, new char[0], cloud.ca()));
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.fix().contains("reset"), e.fix());
    }

    @Test
    void issuedCertificateForAnotherKeyIsNotBelieved() throws Exception {
        X509Certificate forAnotherKey = underTest.requestWithToken(NodeKey.generate(), "edge-a",
                JoinToken.parse(cloud.token()), cloud.ca());
        cloud.answerNext(200, forAnotherKey.getEncoded());
        CertificateServiceException e = assertThrows(CertificateServiceException.class, () -> underTest
                .requestWithToken(NodeKey.generate(), "edge-a", JoinToken.parse(cloud.token()), cloud.ca()));
        assertTrue(e.getMessage().contains("certifies another key"), e.getMessage());
    }

    @Test
    void answerThatIsNoCertificateIsRefused() throws Exception {
        cloud.answerNext(200, "not a certificate".getBytes());
        CertificateServiceException e = assertThrows(CertificateServiceException.class, () -> underTest
                .requestWithToken(NodeKey.generate(), "edge-a", JoinToken.parse(cloud.token()), cloud.ca()));
        assertTrue(e.getMessage().contains("cannot use"), e.getMessage());
    }

    @Test
    void serverCertificateNotNamingTheHostIsRefusedWithTheFix() {
        // The stand-in's certificate names 127.0.0.1 only, as CloudCore's names its advertiseAddress.
        String viaName = cloud.httpServer().replace("127.0.0.1", "localhost");
        CertificateServiceException e = assertThrows(CertificateServiceException.class, () -> CertificateServiceClient
                .of(viaName).requestWithToken(NodeKey.generate(), "edge-a", JoinToken.parse(cloud.token()), cloud.ca()));
        assertTrue(e.getMessage().contains("does not name localhost"), e.getMessage());
        assertTrue(e.fix().contains("advertiseAddress"), e.fix());
    }

    @Test
    void unreachableCloudSaysWhereItLookedAndWhatToCheck() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Instant start = Instant.now();
        CertificateServiceException e = assertThrows(CertificateServiceException.class,
                () -> CertificateServiceClient.of("https://127.0.0.1:" + closedPort).fetchCa());
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 20);
        assertTrue(e.getMessage().contains("cannot reach CloudCore's certificate service at https://127.0.0.1:"
                + closedPort), e.getMessage());
        assertTrue(e.fix().contains("--certport"), e.fix());
    }

    @Test
    void addressThatIsNotHttpsIsRefused() {
        CertificateServiceException e = assertThrows(CertificateServiceException.class,
                () -> CertificateServiceClient.of("http://127.0.0.1:10002"));
        assertTrue(e.fix().contains("httpServer"), e.fix());
    }

    private static CertificateServiceStandIn.Call last() {
        List<CertificateServiceStandIn.Call> calls = cloud.calls();
        return calls.get(calls.size() - 1);
    }
}

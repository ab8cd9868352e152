package it.org.kubeedgej.badinput;

import static it.org.kubeedgej.badinput.BadInputRig.BAD;
import static it.org.kubeedgej.badinput.BadInputRig.CANARY;
import static it.org.kubeedgej.badinput.BadInputRig.CERT_SERVICE;
import static it.org.kubeedgej.badinput.BadInputRig.HUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Who may open a CloudHub session: refusals before the WebSocket upgrade (an HTTP status with CloudHub's reason in
 * X-KubeEdge-Refused) and refusals by TLS itself (no, foreign, expired or misused certificates, plain text).
 */
final class HandshakeCases {

    private final BadInputRig rig;

    HandshakeCases(BadInputRig rig) {
        this.rig = rig;
    }

    List<BadCase> all() {
        List<BadCase> cases = new ArrayList<>();
        SSLContext badTls = rig.certs.sslContextFor(BAD);
        cases.add(refused("node id not a DNS-1123 name (Bad_Node) -> 400", "Bad_Node", badTls,
                EdgeSocket.headersFor("Bad_Node"), 400, "not a DNS-1123 subdomain name"));
        String long300 = "n".repeat(300);
        cases.add(refused("node id of 300 characters -> 400", long300, badTls, EdgeSocket.headersFor(long300), 400,
                "not a DNS-1123 subdomain name"));
        cases.add(refused("missing node_id header -> 400", BAD, badTls, Map.of("project_id", EdgeSocket.PROJECT), 400,
                "missing node_id header"));
        cases.add(refused("node_id header naming another node than the URL -> 400", BAD, badTls,
                EdgeSocket.headersFor(CANARY), 400, "does not match the node in the URL"));
        cases.add(refused("certificate of another node (bi-bad's, for the canary) -> 403, canary keeps its session",
                CANARY, badTls, EdgeSocket.headersFor(CANARY), 403, "client certificate is for node 'bi-bad'"));
        cases.add(BadCase.of("unknown path /x/y -> 404", () -> assertRefusal(EdgeSocket.refusal(HUB, "/x/y", badTls,
                EdgeSocket.headersFor(BAD)), 404, "unknown path")));
        cases.add(BadCase.of("path with an extra segment -> 404", () -> assertRefusal(EdgeSocket.refusal(HUB,
                "/p/" + BAD + "/events/more", badTls, EdgeSocket.headersFor(BAD)), 404, "unknown path")));
        cases.add(BadCase.of("certificate CN=system:node:x without O=system:nodes -> 403", () -> assertRefusal(
                EdgeSocket.refusal(HUB, EdgeSocket.eventsPath(BAD), rig.forged.valid("CN=system:node:" + BAD),
                        EdgeSocket.headersFor(BAD)), 403, "lacks O=system:nodes")));
        cases.add(BadCase.of("certificate with two common names -> 403", () -> assertRefusal(
                EdgeSocket.refusal(HUB, EdgeSocket.eventsPath(BAD), rig.forged.valid("CN=" + BAD + ",CN=" + CANARY),
                        EdgeSocket.headersFor(BAD)), 403, "common names")));
        cases.add(tlsRefused("no client certificate -> TLS refuses", () -> rig.certs.sslContextFor(null), null));
        cases.add(tlsRefused("certificate from another CA -> TLS refuses", () -> rig.foreign.sslContextFor(BAD,
                rig.certs), null));
        cases.add(tlsRefused("expired certificate -> TLS refuses", () -> rig.forged.client(nodeSubject(),
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)),
                KeyPurposeId.id_kp_clientAuth), null));
        cases.add(tlsRefused("certificate not yet valid -> TLS refuses", () -> rig.forged.client(nodeSubject(),
                Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(10)),
                KeyPurposeId.id_kp_clientAuth), null));
        cases.add(tlsRefused("certificate for server use only (EKU serverAuth) -> TLS refuses", () -> rig.forged
                .client(nodeSubject(), Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)),
                        KeyPurposeId.id_kp_serverAuth), null));
        cases.add(tlsRefused("only RSA cipher suites offered (CloudHub's key is ECDSA) -> TLS refuses",
                () -> rig.certs.sslContextFor(BAD), new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}));
        cases.add(BadCase.of("plain HTTP to CloudHub's TLS port -> no HTTP answer, connection closed", () ->
                assertNoHttp(TlsProbe.plainAnswer(HUB, RawHttp.request("GET", EdgeSocket.eventsPath(BAD), null)))));
        cases.add(BadCase.of("garbage bytes to CloudHub's TLS port -> connection closed", () ->
                assertNoHttp(TlsProbe.plainAnswer(HUB, "\u0000\u0001garbage\r\n\r\n".repeat(100)
                        .getBytes(StandardCharsets.ISO_8859_1)))));
        cases.add(BadCase.of("plain HTTP to the certificate service's TLS port -> no HTTP answer, closed", () ->
                assertNoHttp(TlsProbe.plainAnswer(CERT_SERVICE, RawHttp.request("GET", "/ca.crt", null)))));
        cases.add(BadCase.of("CloudHub's WebSocket path on the certificate service port -> 404", () -> {
            String answer = TlsProbe.probe(rig.certs.sslContextFor(BAD), null, CERT_SERVICE,
                    EdgeSocket.eventsPath(BAD));
            assertTrue(answer.startsWith("answered: HTTP/1.1 404"), answer);
        }));
        return cases;
    }

    private static String nodeSubject() {
        return "O=system:nodes,CN=system:node:" + BAD;
    }

    private interface Tls {
        SSLContext get() throws Exception;
    }

    private BadCase tlsRefused(String name, Tls tls, String[] suites) {
        return BadCase.of(name, () -> {
            String answer = TlsProbe.probe(tls.get(), suites, HUB, EdgeSocket.eventsPath(BAD));
            assertTrue(answer.startsWith("refused: ") || answer.equals("closed"), answer);
        });
    }

    private BadCase refused(String name, String urlNode, SSLContext tls, Map<String, String> headers, int status,
            String reason) {
        return BadCase.of(name, () -> assertRefusal(EdgeSocket.refusal(HUB, EdgeSocket.eventsPath(urlNode), tls,
                new HashMap<>(headers)), status, reason));
    }

    private static void assertRefusal(EdgeSocket.Refusal refusal, int status, String reason) {
        assertEquals(status, refusal.status(), refusal.toString());
        assertTrue(refusal.reason().contains(reason), "reason: " + refusal.reason());
    }

    /** Nothing but TLS records (a handshake alert starts 0x15) may come back, never an HTTP answer. */
    private static void assertNoHttp(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("HTTP/1."), "a TLS port answered plain text: " + text);
        assertTrue(answer.length == 0 || answer[0] == 0x15, "expected nothing or a TLS alert, got "
                + answer.length + " bytes starting " + (answer.length == 0 ? "" : Integer.toHexString(answer[0])));
    }
}

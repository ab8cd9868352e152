package org.kubeedgej.edge.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** KubeEdge's token form: hex SHA-256 of the CA DER, a dot, an HS256 JWT. */
class JoinTokenTest {

    private static final byte[] CA = "pretend CA DER".getBytes(StandardCharsets.UTF_8);
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1900000000}".getBytes())
            + ".c2lnbmF0dXJl";

    @Test
    void parseSplitsHashAndBearerCredential() {
        JoinToken underTest = JoinToken.parse(JoinToken.sha256Hex(CA) + "." + JWT + "\n");
        assertEquals(JWT, underTest.jwt());
        assertEquals(64, underTest.caHash().length());
        assertEquals(Instant.ofEpochSecond(1900000000), underTest.expiry().orElseThrow());
        assertTrue(!underTest.toString().contains(JWT), "toString hides the credential");
    }

    @Test
    void sha256HexIsKubeEdgesHashCa() {
        // echo -n abc | sha256sum
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                JoinToken.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void verifyCaAcceptsTheCaItWasMadeFor() {
        JoinToken.parse(JoinToken.sha256Hex(CA) + "." + JWT).verifyCa(CA, "test");
    }

    @Test
    void verifyCaRefusesAnotherCaWithBothHashes() {
        JoinToken underTest = JoinToken.parse(JoinToken.sha256Hex(CA) + "." + JWT);
        byte[] other = "another CA".getBytes(StandardCharsets.UTF_8);
        CertificateServiceException e = assertThrows(CertificateServiceException.class,
                () -> underTest.verifyCa(other, "https://10.0.0.1:10002/ca.crt"));
        assertTrue(e.getMessage().contains(JoinToken.sha256Hex(other)), e.getMessage());
        assertTrue(e.getMessage().contains(JoinToken.sha256Hex(CA)), e.getMessage());
        assertTrue(e.fix().contains("gettoken"), e.fix());
    }

    @Test
    void tryToParseTokensInOtherFormats() {
        String hash = JoinToken.sha256Hex(CA);
        assertTrue(refusal("").contains("no token"));
        assertTrue(refusal(JWT).contains("3 dot-separated parts, not 4"));
        assertTrue(refusal(hash + "." + JWT + ".x").contains("5 dot-separated parts"));
        assertTrue(refusal(hash.toUpperCase() + "." + JWT).contains("SHA-256 hash"));
        assertTrue(refusal(hash.substring(1) + "." + JWT).contains("SHA-256 hash"));
        assertTrue(refusal(hash + ".a b.c.d").contains("part 2"));
    }

    private static String refusal(String token) {
        CertificateServiceException e = assertThrows(CertificateServiceException.class, () -> JoinToken.parse(token));
        assertTrue(e.fix().contains("gettoken"), e.fix());
        return e.getMessage();
    }
}

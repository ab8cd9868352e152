package org.kubeedgej.edge.certificate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request and key encodings. keytool parses and verifies the requests in the stand-in tests; here openssl, where
 * installed, reads them as a third party (Go's parsers follow the same DER rules).
 */
class NodeKeyTest {

    @TempDir
    Path dir;

    private final NodeKey underTest = NodeKey.generate();

    @Test
    void sec1KeyIsTheSameKeyWithItsCurve() throws Exception {
        byte[] sec1 = underTest.sec1();
        byte[] pkcs8 = Der.sequence(Der.smallInteger(0),
                Der.sequence(Der.oid(new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01}),
                        Der.oid(Der.PRIME256V1)),
                Der.tlv(Der.OCTET_STRING, sec1));
        ECPrivateKey read = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertEquals(((ECPrivateKey) underTest.privateKey()).getS(), read.getS());
        assertEquals(0x30, sec1[0] & 0xff);
        assertEquals(121, sec1.length, "SEQUENCE of version, 32-byte key, [0] curve, [1] 65-byte point");
    }

    @Test
    void opensslReadsTheRequestAndVerifiesItsSignature() throws Exception {
        assumeTrue(opensslPresent(), "openssl is not installed");
        Files.write(dir.resolve("req.der"), underTest.certificationRequest("edge-1"));
        String out = openssl("req", "-inform", "DER", "-in", "req.der", "-verify", "-noout", "-subject");
        assertTrue(out.contains("verify OK") || out.contains("Certificate request self-signature verify OK"), out);
        assertTrue(out.contains("O = system:nodes") && out.contains("CN = system:node:edge-1"), out);
    }

    @Test
    void opensslReadsTheSec1KeyAsAP256Key() throws Exception {
        assumeTrue(opensslPresent(), "openssl is not installed");
        Files.writeString(dir.resolve("k.pem"), PemFiles.encode(PemFiles.EC_PRIVATE_KEY, underTest.sec1()));
        String out = openssl("ec", "-in", "k.pem", "-check", "-noout", "-text");
        assertTrue(out.contains("prime256v1") && out.contains("EC Key valid"), out);
    }

    @Test
    void pemIsSixtyFourColumnsWithItsType() {
        String pem = PemFiles.encode(PemFiles.CERTIFICATE, new byte[200]);
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(pem.endsWith("\n-----END CERTIFICATE-----\n"));
        assertEquals(64, pem.lines().skip(1).findFirst().orElseThrow().length());
    }

    @Test
    void keyPairSwapLeavesNoTemporaryFilesAndAPrivateKey() throws Exception {
        Path cert = dir.resolve("certs/server.crt");
        Path key = dir.resolve("certs/server.key");
        PemFiles.writeKeyPair(cert, new byte[] {1, 2, 3}, key, underTest.sec1());
        PemFiles.writeKeyPair(cert, new byte[] {4, 5, 6}, key, underTest.sec1());
        try (var files = Files.list(dir.resolve("certs"))) {
            assertEquals(2, files.count());
        }
        assertTrue(Files.readString(cert).contains("BAUG"), "the second certificate replaced the first");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)));
        assertArrayEquals(PemFiles.encode(PemFiles.EC_PRIVATE_KEY, underTest.sec1()).getBytes(StandardCharsets.US_ASCII),
                Files.readAllBytes(key));
    }

    private static boolean opensslPresent() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private String openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }
}

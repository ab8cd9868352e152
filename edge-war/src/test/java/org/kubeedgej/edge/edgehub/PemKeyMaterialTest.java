package org.kubeedgej.edge.edgehub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates as KubeEdge and openssl write them (SEC1 "EC PRIVATE KEY", PKCS#8), made by openssl here. */
class PemKeyMaterialTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeKeys() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.key");
        openssl("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "p384.key");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "sec1.key", "-out", "pkcs8.key");
        openssl("req", "-x509", "-new", "-key", "sec1.key", "-subj", "/O=system:nodes/CN=system:node:n1",
                "-days", "1", "-out", "node.crt");
    }

    private static void openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command));
    }

    @Test
    void sec1KeyMatchesItsCertificate() throws Exception {
        PrivateKey key = PemKeyMaterial.privateKey(dir.resolve("sec1.key"));
        assertEquals("EC", key.getAlgorithm());
        assertSignsFor(key, dir.resolve("node.crt"));
    }

    @Test
    void pkcs8KeyIsTheSameKey() throws Exception {
        assertEquals(((ECPrivateKey) PemKeyMaterial.privateKey(dir.resolve("sec1.key"))).getS(),
                ((ECPrivateKey) PemKeyMaterial.privateKey(dir.resolve("pkcs8.key"))).getS());
    }

    @Test
    void otherCurvesKeepTheirCurve() throws Exception {
        PrivateKey key = PemKeyMaterial.privateKey(dir.resolve("p384.key"));
        assertEquals(48, ((ECPrivateKey) key).getParams().getCurve().getField()
                .getFieldSize() / 8);
    }

    @Test
    void keyStoreHoldsKeyAndChain() throws Exception {
        KeyStore store = PemKeyMaterial.keyStore(dir.resolve("node.crt"), dir.resolve("sec1.key"));
        X509Certificate cert = (X509Certificate) store.getCertificate("edge");
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=system:node:n1"));
        assertTrue(store.isKeyEntry("edge"));
    }

    @Test
    void fileWithoutKeyIsRefusedWithTheReason() {
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> PemKeyMaterial.privateKey(dir.resolve("node.crt")));
        assertTrue(e.getMessage().contains("EC PRIVATE KEY"), e.getMessage());
    }

    @Test
    void damagedKeyIsRefused() throws Exception {
        Path bad = dir.resolve("bad.key");
        Files.writeString(bad, "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n");
        assertThrows(GeneralSecurityException.class, () -> PemKeyMaterial.privateKey(bad));
    }

    private static void assertSignsFor(PrivateKey key, Path certFile) throws Exception {
        X509Certificate cert = (X509Certificate) PemKeyMaterial.trustStore(certFile).getCertificate("ca-0");
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(cert.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
    }
}

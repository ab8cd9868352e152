package org.kubeedgej.edge.edgehub;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kubeedgej.edge.certificate.Der;

/**
 * KubeEdge's PEM files (edgecore.yaml's {@code tlsCaFile}, {@code tlsCertFile}, {@code tlsPrivateKeyFile}) as
 * in-memory key and trust stores. KubeEdge writes the node key as SEC1 ({@code EC PRIVATE KEY}); the JDK reads only
 * PKCS#8, so a SEC1 key is wrapped in a PKCS#8 envelope carrying the curve its own parameters name.
 */
final class PemKeyMaterial {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final long MAX_PEM_BYTES = 256 * 1024;
    /** DER of OID 1.2.840.10045.2.1 (id-ecPublicKey). */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final char[] NO_PASSWORD = new char[0];
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;

    private PemKeyMaterial() {
        throw new AssertionError();
    }

    /** @return a key store holding the key under alias "edge" with the file's certificate chain */
    static KeyStore keyStore(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(certFile);
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(certFile + " holds no CERTIFICATE block");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("edge", privateKey(keyFile), NO_PASSWORD, chain.toArray(Certificate[]::new));
        return store;
    }

    /** @return a trust store holding every certificate of the file */
    static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
        List<Certificate> cas = certificates(caFile);
        if (cas.isEmpty()) {
            throw new GeneralSecurityException(caFile + " holds no CERTIFICATE block");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        return store;
    }

    static char[] password() {
        return NO_PASSWORD;
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(read(file));
        while (m.find()) {
            if ("CERTIFICATE".equals(m.group(1))) {
                out.add(factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
            }
        }
        return out;
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher m = BLOCK.matcher(read(file));
        while (m.find()) {
            byte[] der = decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY":
                    return pkcs8(der);
                case "EC PRIVATE KEY":
                    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(sec1ToPkcs8(der)));
                default:
                    break;
            }
        }
        throw new GeneralSecurityException(file + " holds no 'PRIVATE KEY' or 'EC PRIVATE KEY' block (KubeEdge"
                + " node keys are ECDSA; an RSA key must be converted to PKCS#8)");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * SEC1 ECPrivateKey is SEQUENCE { version, privateKey OCTET STRING, [0] parameters OID, [1] publicKey }; PKCS#8
     * is SEQUENCE { 0, SEQUENCE { id-ecPublicKey, curve OID }, OCTET STRING { the SEC1 DER } }.
     */
    static byte[] sec1ToPkcs8(byte[] sec1) throws GeneralSecurityException {
        byte[] curve = Sec1.curveOid(sec1);
        byte[] version = {0x02, 0x01, 0x00};
        return Der.tlv(SEQUENCE, version, Der.tlv(SEQUENCE, EC_PUBLIC_KEY_OID, curve), Der.tlv(OCTET_STRING, sec1));
    }

    private static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_PEM_BYTES) {
            throw new IOException(file + " is larger than " + MAX_PEM_BYTES + " bytes; not a PEM certificate or key");
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    /** Just enough DER reading to find a SEC1 key's curve. */
    private static final class Sec1 {

        private Sec1() {
        }

        static byte[] curveOid(byte[] sec1) throws GeneralSecurityException {
            int[] pos = {0};
            expect(sec1, pos, 0x30);
            int end = length(sec1, pos) + pos[0];
            while (pos[0] < end) {
                int tag = sec1[pos[0]++] & 0xff;
                int len = length(sec1, pos);
                if (tag == 0xa0) {
                    int start = pos[0];
                    if ((sec1[start] & 0xff) != 0x06) {
                        break;
                    }
                    return Arrays.copyOfRange(sec1, start, start + len);
                }
                pos[0] += len;
            }
            throw new GeneralSecurityException("the EC PRIVATE KEY names no curve; write it with its parameters"
                    + " (openssl ec -param_enc named_curve) or as PKCS#8");
        }

        private static void expect(byte[] der, int[] pos, int tag) throws GeneralSecurityException {
            if (der.length == 0 || (der[pos[0]++] & 0xff) != tag) {
                throw new GeneralSecurityException("not a DER SEQUENCE: the key file is damaged");
            }
        }

        private static int length(byte[] der, int[] pos) throws GeneralSecurityException {
            if (pos[0] >= der.length) {
                throw new GeneralSecurityException("truncated DER in the key file");
            }
            int first = der[pos[0]++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int bytes = first & 0x7f;
            if (bytes > 3 || pos[0] + bytes > der.length) {
                throw new GeneralSecurityException("unreasonable DER length in the key file");
            }
            int len = 0;
            for (int i = 0; i < bytes; i++) {
                len = (len << 8) | (der[pos[0]++] & 0xff);
            }
            if (pos[0] + len > der.length) {
                throw new GeneralSecurityException("truncated DER in the key file");
            }
            return len;
        }
    }
}

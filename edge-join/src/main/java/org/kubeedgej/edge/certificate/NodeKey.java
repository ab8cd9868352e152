package org.kubeedgej.edge.certificate;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/**
 * An edge node's key: ECDSA P-256, as KubeEdge's edge makes (its CloudHub offers only ECDSA suites), with the PKCS#10
 * request KubeEdge's edge sends to {@code /edge.crt} and the SEC1 form ({@code EC PRIVATE KEY}) KubeEdge writes to
 * {@code server.key}.
 *
 * <p>The JDK has no public API for certificate requests, so the request is written here in DER (about 30 lines)
 * rather than by running {@code keytool -certreq}: EdgeCore rotates its certificate from inside the server, where
 * starting a keytool process per rotation and juggling a temporary key store would be the worse choice, and one
 * encoder serves both join and rotation.
 */
public final class NodeKey {

    /** KubeEdge's subject for node certificates: {@code CN=system:node:<node>, O=system:nodes}. */
    public static final String NODE_CN_PREFIX = "system:node:";
    public static final String NODES_ORGANIZATION = "system:nodes";
    private static final int P256_BYTES = 32;

    private final KeyPair pair;

    private NodeKey(KeyPair pair) {
        this.pair = pair;
    }

    /** @return a fresh P-256 key */
    public static NodeKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new NodeKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make ECDSA P-256 keys: " + e.getMessage(), e);
        }
    }

    /** @return the private key */
    public PrivateKey privateKey() {
        return pair.getPrivate();
    }

    /** @return the public key */
    public ECPublicKey publicKey() {
        return (ECPublicKey) pair.getPublic();
    }

    /**
     * The PKCS#10 request (RFC 2986) for node {@code nodeName}: subject O=system:nodes, CN=system:node:NODE, no
     * attributes, signed with ECDSA over SHA-256.
     *
     * @param nodeName the edge node's name
     * @return the request in DER, as {@code /edge.crt} takes it
     */
    public byte[] certificationRequest(String nodeName) {
        byte[] subject = Der.sequence(Der.rdn(Der.ORGANIZATION, NODES_ORGANIZATION),
                Der.rdn(Der.COMMON_NAME, NODE_CN_PREFIX + nodeName));
        byte[] noAttributes = {(byte) 0xa0, 0x00};
        byte[] info = Der.sequence(Der.smallInteger(0), subject, publicKey().getEncoded(), noAttributes);
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey());
            signer.update(info);
            return Der.sequence(info, Der.sequence(Der.oid(Der.ECDSA_WITH_SHA256)), Der.bitString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the certificate request: " + e.getMessage(), e);
        }
    }

    /**
     * SEC1 ECPrivateKey (RFC 5915) with its named curve and public key, as Go's {@code x509.MarshalECPrivateKey}
     * writes it, so KubeEdge's own edgecore and openssl read the file as well as EdgeCore does.
     *
     * @return the key in DER
     */
    public byte[] sec1() {
        ECPrivateKey key = (ECPrivateKey) privateKey();
        byte[] point = new byte[1 + 2 * P256_BYTES];
        point[0] = 0x04;
        System.arraycopy(unsigned(publicKey().getW().getAffineX()), 0, point, 1, P256_BYTES);
        System.arraycopy(unsigned(publicKey().getW().getAffineY()), 0, point, 1 + P256_BYTES, P256_BYTES);
        return Der.sequence(Der.smallInteger(1), Der.tlv(Der.OCTET_STRING, unsigned(key.getS())),
                Der.explicit(0, Der.oid(Der.PRIME256V1)), Der.explicit(1, Der.bitString(point)));
    }

    /** A P-256 field element as exactly 32 big-endian bytes. */
    private static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[P256_BYTES];
        int copy = Math.min(raw.length, P256_BYTES);
        System.arraycopy(raw, raw.length - copy, out, P256_BYTES - copy, copy);
        return out;
    }
}

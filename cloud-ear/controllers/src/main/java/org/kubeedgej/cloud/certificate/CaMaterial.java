package org.kubeedgej.cloud.certificate;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.io.ByteArrayInputStream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A certificate and its private key, with the DER forms KubeEdge keeps in its Secrets (the certificate's DER, the
 * key as SEC1 {@code EC PRIVATE KEY} DER, what Go's {@code x509.MarshalECPrivateKey} writes). The CA's key DER is
 * also the join tokens' HMAC key, so it must stay byte for byte what KubeEdge would store.
 *
 * @param certificate the certificate
 * @param key its private key
 * @param certificateDer the certificate, DER
 * @param keyDer the key, SEC1 DER for EC keys (PKCS#8 for others)
 */
public record CaMaterial(X509Certificate certificate, PrivateKey key, byte[] certificateDer, byte[] keyDer) {

    /**
     * @param certificateDer a certificate, DER
     * @param keyDer its key: SEC1 or PKCS#8 DER
     * @return the material
     * @throws GeneralSecurityException when either does not parse
     */
    public static CaMaterial fromDer(byte[] certificateDer, byte[] keyDer) throws GeneralSecurityException {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificateDer));
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(keyDer));
        } catch (GeneralSecurityException notPkcs8) {
            key = fromSec1(keyDer);
        }
        return new CaMaterial(certificate, key, certificateDer, keyDer);
    }

    /**
     * @param certificateFile a PEM certificate (certgen's ca.crt, cloudcore.crt)
     * @param keyFile its PEM key (SEC1 or PKCS#8)
     * @return the material, its key DER in KubeEdge's form
     * @throws IOException when a file cannot be read or holds no PEM of that kind
     * @throws GeneralSecurityException when the contents do not parse
     */
    public static CaMaterial fromPem(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        byte[] certificateDer;
        try (Reader reader = Files.newBufferedReader(certificateFile); PEMParser pem = new PEMParser(reader)) {
            Object object = pem.readObject();
            if (!(object instanceof org.bouncycastle.cert.X509CertificateHolder holder)) {
                throw new IOException(certificateFile + " holds no PEM certificate");
            }
            certificateDer = holder.getEncoded();
        }
        PrivateKey key;
        byte[] keyDer;
        try (Reader reader = Files.newBufferedReader(keyFile); PEMParser pem = new PEMParser(reader)) {
            Object object = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                key = converter.getPrivateKey(pair.getPrivateKeyInfo());
                keyDer = kubeEdgeDer(pair.getPrivateKeyInfo());
            } else if (object instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
                keyDer = kubeEdgeDer(info);
            } else {
                throw new IOException(keyFile + " holds no PEM private key");
            }
        }
        CaMaterial material = fromDer(certificateDer, keyDer);
        return new CaMaterial(material.certificate(), key, certificateDer, keyDer);
    }

    /**
     * SEC1 for EC keys, with the curve inside as Go's {@code MarshalECPrivateKey} writes it (a PKCS#8 envelope keeps the
     * curve outside, and the JDK leaves it out of the inner key); PKCS#8 for other keys.
     */
    static byte[] kubeEdgeDer(PrivateKeyInfo info) throws IOException {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
            return info.getEncoded();
        }
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ASN1Encodable curve = inner.getParametersObject() != null ? inner.getParametersObject()
                : info.getPrivateKeyAlgorithm().getParameters();
        int orderBits = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(
                org.bouncycastle.asn1.ASN1ObjectIdentifier.getInstance(curve)).getN().bitLength();
        return new ECPrivateKey(orderBits, inner.getKey(), inner.getPublicKey(), curve).getEncoded();
    }

    private static PrivateKey fromSec1(byte[] sec1) throws GeneralSecurityException {
        try {
            ECPrivateKey ec = ECPrivateKey.getInstance(sec1);
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    ec.getParametersObject());
            return new JcaPEMKeyConverter().getPrivateKey(new PrivateKeyInfo(algorithm, ec));
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException("the key is neither PKCS#8 nor SEC1 DER: " + e.getMessage(), e);
        }
    }
}

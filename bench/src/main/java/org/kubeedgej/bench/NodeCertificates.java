package org.kubeedgej.bench;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Edge node certificates made in memory, as {@code certs/certgen.sh edge} makes them on disk: ECDSA P-256,
 * CN = node name, clientAuth, signed by the project CA read from ca.crt and ca.key (SEC1 PEM).
 */
final class NodeCertificates {

    private static final Duration VALIDITY = Duration.ofDays(1);

    private final X509Certificate caCertificate;
    private final X500Name caName;
    private final PrivateKey caKey;
    private final SecureRandom random = new SecureRandom();

    private NodeCertificates(X509CertificateHolder ca, PrivateKey caKey) throws GeneralSecurityException {
        this.caCertificate = new JcaX509CertificateConverter().getCertificate(ca);
        this.caName = ca.getSubject();
        this.caKey = caKey;
    }

    /**
     * @param caDir directory holding ca.crt and ca.key
     * @return a signer for that CA
     */
    static NodeCertificates fromCaDir(Path caDir) throws IOException, GeneralSecurityException {
        X509CertificateHolder ca = (X509CertificateHolder) readPem(caDir.resolve("ca.crt"));
        Object key = readPem(caDir.resolve("ca.key"));
        if (!(key instanceof PEMKeyPair pair)) {
            throw new IllegalArgumentException(caDir.resolve("ca.key") + " is not an SEC1 EC key ('EC PRIVATE KEY')");
        }
        return new NodeCertificates(ca, new JcaPEMKeyConverter().getKeyPair(pair).getPrivate());
    }

    private static Object readPem(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IOException("no PEM object in " + file);
            }
            return object;
        }
    }

    /**
     * Makes identities bench-node-0 .. bench-node-(count-1), in parallel.
     *
     * @param prefix node name prefix
     * @param count how many
     * @return the identities, index i named prefix + i
     */
    List<NodeIdentity> issue(String prefix, int count) {
        return IntStream.range(0, count).parallel().mapToObj(i -> issue(prefix + i)).toList();
    }

    /**
     * @param nodeId the node name (the certificate's CN)
     * @return a fresh key and certificate for it
     */
    NodeIdentity issue(String nodeId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caName,
                    new BigInteger(96, random), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), new X500Name("CN=" + nodeId), pair.getPublic());
            builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKey);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new NodeIdentity(nodeId, pair.getPrivate(), new X509Certificate[] {certificate, caCertificate});
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a certificate for node " + nodeId + ": " + e.getMessage(), e);
        }
    }
}

package it.org.kubeedgej.badinput;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Client certificates certgen.sh will not make, signed by the test CA's own key (ca.key): expired or not yet valid,
 * a subject without O=system:nodes, a server-only key usage. Each comes as a TLS context that presents it.
 */
final class ForgedCertificates {

    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final Path certs;

    private ForgedCertificates(Path certs, X509Certificate ca, PrivateKey caKey) {
        this.certs = certs;
        this.ca = ca;
        this.caKey = caKey;
    }

    /** @param certs a certgen.sh directory (ca.crt, ca.key, truststore.p12) */
    static ForgedCertificates of(Path certs) throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(certs.resolve("ca.crt"))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        PrivateKey key;
        try (Reader reader = Files.newBufferedReader(certs.resolve("ca.key"));
                PEMParser pem = new PEMParser(reader)) {
            Object read = pem.readObject();
            while (read != null && !(read instanceof PEMKeyPair)) {
                read = pem.readObject();
            }
            key = new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) read).getPrivate();
        }
        return new ForgedCertificates(certs, ca, key);
    }

    /**
     * @param subject e.g. {@code O=system:nodes,CN=system:node:n1}
     * @param from start of validity
     * @param to end of validity
     * @param usage the extended key usage
     * @return a TLS context presenting the certificate and trusting the test CA
     */
    SSLContext client(String subject, Instant from, Instant to, KeyPurposeId usage) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca,
                BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to), new X500Name(subject),
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("forged", keys.getPrivate(), new char[0], new Certificate[] {cert, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.resolve("truststore.p12"))) {
            trust.load(in, it.org.kubeedgej.support.TestCertificates.PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** @return a client certificate for the subject, valid from a day ago for a day */
    SSLContext valid(String subject) throws Exception {
        return client(subject, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)),
                KeyPurposeId.id_kp_clientAuth);
    }
}

package org.kubeedgej.cloud.certificate;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes certificates as KubeEdge's {@code pkg/security/certs} does: a self-signed CA (CN KubeEdge, ECDSA P-256),
 * CloudCore's server certificate (SANs from advertiseAddress and dnsNames) and edge node certificates from their
 * CSRs (the CSR's CN and O, the requested extended key usages, valid edgeCertSigningDuration).
 */
public final class CertificateIssuer {

    /** KubeEdge's constants.ProjectName, the CA's and CloudCore's subject. */
    static final String PROJECT = "KubeEdge";
    /** Edge clocks drift; a certificate valid from a minute ago works on a node slightly behind. */
    private static final Duration BACKDATE = Duration.ofMinutes(1);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CertificateIssuer(Clock clock) {
        this.clock = clock;
    }

    /** @return a new CA, valid for {@code validity} */
    public CaMaterial newCa(Duration validity) throws GeneralSecurityException {
        KeyPair keys = ecKeys();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, PROJECT).build();
        JcaX509v3CertificateBuilder builder = builder(name, name, validity, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                            | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            X509CertificateHolder holder = builder.build(signer(keys.getPrivate()));
            return CaMaterial.fromDer(holder.getEncoded(), sec1(keys));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make a CA: " + e.getMessage(), e);
        }
    }

    /**
     * @param ca the CA
     * @param ips IP SANs (advertiseAddress)
     * @param dnsNames DNS SANs
     * @param validity how long
     * @return CloudCore's server certificate and key
     */
    public CaMaterial serverCertificate(CaMaterial ca, List<String> ips, List<String> dnsNames, Duration validity)
            throws GeneralSecurityException {
        KeyPair keys = ecKeys();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, PROJECT)
                .addRDN(BCStyle.CN, PROJECT).build();
        List<GeneralName> sans = new ArrayList<>();
        for (String ip : ips) {
            try {
                sans.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName(ip).getHostAddress()));
            } catch (IOException e) {
                throw new GeneralSecurityException("advertiseAddress " + ip + " is not an IP address", e);
            }
        }
        dnsNames.forEach(dns -> sans.add(new GeneralName(GeneralName.dNSName, dns)));
        try {
            JcaX509v3CertificateBuilder builder = builder(issuer(ca), subject, validity, keys.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            return CaMaterial.fromDer(builder.build(signer(ca.key())).getEncoded(), sec1(keys));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make CloudCore's certificate: " + e.getMessage(), e);
        }
    }

    /**
     * @param ca the CA
     * @param request a checked edge CSR
     * @param validity edgeCertSigningDuration
     * @return the node's certificate, DER
     */
    public byte[] edgeCertificate(CaMaterial ca, EdgeCertificateRequest request, Duration validity)
            throws GeneralSecurityException {
        try {
            JcaX509v3CertificateBuilder builder = builder(issuer(ca), request.subject(), validity, request.publicKey());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(request.usages().toArray(KeyPurposeId[]::new)))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            return builder.build(signer(ca.key())).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate of node " + request.nodeName() + ": "
                    + e.getMessage(), e);
        }
    }

    private JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, Duration validity, PublicKey key) {
        Instant now = clock.instant();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random).add(BigInteger.ONE),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, key);
    }

    private static X500Name issuer(CaMaterial ca) {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    private static org.bouncycastle.operator.ContentSigner signer(java.security.PrivateKey key)
            throws OperatorCreationException {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaContentSignerBuilder(algorithm).build(key);
    }

    private KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static byte[] sec1(KeyPair keys) throws IOException {
        return CaMaterial.kubeEdgeDer(PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()));
    }
}

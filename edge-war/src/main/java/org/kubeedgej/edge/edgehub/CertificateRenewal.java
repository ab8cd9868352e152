package org.kubeedgej.edge.edgehub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.kubeedgej.edge.certificate.CertificateServiceClient;
import org.kubeedgej.edge.certificate.CertificateServiceException;
import org.kubeedgej.edge.certificate.NodeKey;
import org.kubeedgej.edge.certificate.PemFiles;

/**
 * One renewal of the node's certificate, as KubeEdge's edge rotates (edge/pkg/edgehub/certificate): a new P-256 key
 * and request, sent to CloudCore's {@code /edge.crt} with the current certificate as TLS client certificate (no
 * token), and the new key and certificate swapped in for KubeEdge's PEM files ({@code tlsPrivateKeyFile},
 * {@code tlsCertFile}). The swap holds {@link #FILES}' write lock, which {@link EdgeHubTls} reads under, so EdgeHub
 * never pairs a new key with an old certificate. On any failure the old files stay as they were.
 */
final class CertificateRenewal {

    /** Guards the PEM files between a rotation's swap and EdgeHub reading them. */
    static final ReadWriteLock FILES = new ReentrantReadWriteLock();

    private final Path caFile;
    private final Path certFile;
    private final Path keyFile;
    private final CertificateServiceClient service;
    private final String nodeName;

    CertificateRenewal(Path caFile, Path certFile, Path keyFile, String httpServer, String nodeName) {
        this.caFile = caFile;
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.service = CertificateServiceClient.of(httpServer);
        this.nodeName = nodeName;
    }

    /** @return the certificate now in {@code tlsCertFile} */
    X509Certificate current() throws IOException, GeneralSecurityException {
        FILES.readLock().lock();
        try (InputStream in = Files.newInputStream(certFile)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } finally {
            FILES.readLock().unlock();
        }
    }

    /**
     * Renews the certificate and swaps the files.
     *
     * @return the new certificate
     * @throws CertificateServiceException when the cloud is unreachable or refuses, with the fix
     * @throws IOException when the current files cannot be read or the new ones written
     * @throws GeneralSecurityException when the current files do not hold a key and certificate
     */
    X509Certificate renew() throws IOException, GeneralSecurityException {
        KeyStore currentPair;
        X509Certificate ca;
        FILES.readLock().lock();
        try {
            currentPair = PemKeyMaterial.keyStore(certFile, keyFile);
            ca = (X509Certificate) PemKeyMaterial.trustStore(caFile).getCertificate("ca-0");
        } finally {
            FILES.readLock().unlock();
        }
        NodeKey key = NodeKey.generate();
        X509Certificate renewed = service.renew(key, nodeName, currentPair, PemKeyMaterial.password(), ca);
        FILES.writeLock().lock();
        try {
            PemFiles.writeKeyPair(certFile, renewed.getEncoded(), keyFile, key.sec1());
        } finally {
            FILES.writeLock().unlock();
        }
        return renewed;
    }
}

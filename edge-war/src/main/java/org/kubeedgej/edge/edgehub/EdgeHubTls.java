package org.kubeedgej.edge.edgehub;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds EdgeHub's TLS context: from the node's PKCS12 key store and the CA's trust store when
 * {@code modules.edgeHub.tlsKeyStore} is set (certs/certgen.sh), else from KubeEdge's PEM files
 * ({@code tlsCertFile}, {@code tlsPrivateKeyFile}, {@code tlsCaFile}), so a KubeEdge edge's certificates work as they are.
 */
public final class EdgeHubTls {

    private EdgeHubTls() {
        throw new AssertionError();
    }

    public static SSLContext context(EdgeHubConfig config) {
        if (config.keyStore().isPresent()) {
            return fromStores(config);
        }
        Path cert = Path.of(config.certFile());
        Path key = Path.of(config.privateKeyFile());
        Path ca = Path.of(config.caFile());
        if (!Files.isRegularFile(cert) || !Files.isRegularFile(key) || !Files.isRegularFile(ca)) {
            throw new IllegalStateException("no TLS credentials for EdgeHub: set modules.edgeHub.tlsKeyStore and"
                    + " tlsTrustStore (certs/certgen.sh edge <dir> <node>), or KubeEdge's tlsCertFile, tlsPrivateKeyFile"
                    + " and tlsCaFile (now " + cert + ", " + key + ", " + ca + ": missing); bin/kubeedge-j join writes them");
        }
        // Read on every connect, so a rotated certificate is used from the next connection on; the lock keeps a
        // rotation's swap of key and certificate from being read half done.
        CertificateRenewal.FILES.readLock().lock();
        try {
            return build(PemKeyMaterial.keyStore(cert, key), PemKeyMaterial.password(), PemKeyMaterial.trustStore(ca));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load EdgeHub's PEM credentials " + cert + ", " + key + " and " + ca
                    + ": " + e.getMessage(), e);
        } finally {
            CertificateRenewal.FILES.readLock().unlock();
        }
    }

    private static SSLContext fromStores(EdgeHubConfig config) {
        String keyStore = config.keyStore().orElseThrow();
        String trustStore = config.trustStore().orElseThrow(() -> new IllegalStateException(
                "modules.edgeHub.tlsTrustStore is not set; point it at the project CA's truststore.p12"));
        try {
            return build(load(keyStore, config.storePassword()), config.storePassword(),
                    load(trustStore, config.storePassword()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load EdgeHub's TLS stores " + keyStore + " and " + trustStore
                    + ": " + e.getMessage() + "; check the files and modules.edgeHub.tlsStorePassword", e);
        }
    }

    private static SSLContext build(KeyStore keyStore, char[] password, KeyStore trustStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(String file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        }
        return store;
    }
}

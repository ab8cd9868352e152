package org.kubeedgej.edge.edgehub;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds EdgeHub's TLS context from the node's PKCS12 key store and the project CA's trust store. */
final class EdgeHubTls {

    private EdgeHubTls() {
        throw new AssertionError();
    }

    static SSLContext context(EdgeHubConfig config) {
        String keyStore = config.keyStore().orElseThrow(() -> new IllegalStateException(
                "modules.edgeHub.tlsKeyStore is not set; make the node's certificate with certs/certgen.sh edge"
                        + " <dir> <node> and point it at <dir>/edge-<node>.p12"));
        String trustStore = config.trustStore().orElseThrow(() -> new IllegalStateException(
                "modules.edgeHub.tlsTrustStore is not set; point it at the project CA's truststore.p12"));
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, config.storePassword()), config.storePassword());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, config.storePassword()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load EdgeHub's TLS stores " + keyStore + " and " + trustStore
                    + ": " + e.getMessage() + "; check the files and modules.edgeHub.tlsStorePassword", e);
        }
    }

    private static KeyStore load(String file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        }
        return store;
    }
}

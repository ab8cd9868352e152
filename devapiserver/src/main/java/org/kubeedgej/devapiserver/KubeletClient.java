package org.kubeedgej.devapiserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How kube-apiserver calls kubelets: HTTPS with its kubelet client certificate ({@code --kubelet-client-certificate}
 * and key), checking the kubelet's serving certificate against a CA ({@code --kubelet-certificate-authority}). Here
 * both come from one PKCS12 store made by certs/certgen.sh, whose chain ends at the project CA.
 */
final class KubeletClient {

    private final SSLContext tls;

    private KubeletClient(SSLContext tls) {
        this.tls = tls;
    }

    /** @param p12 the client certificate, key and CA chain; @param password the store's password */
    static KubeletClient fromStore(Path p12, char[] password) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain != null && chain.length > 1) {
                    X509Certificate ca = (X509Certificate) chain[chain.length - 1];
                    trusted.setCertificateEntry("kubelet-ca-" + alias, ca);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new KubeletClient(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the kubelet client store " + p12 + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * A TLS connection to a kubelet for an upgraded request, its serving certificate checked against the CA and the
     * host, as HTTPS checks it.
     */
    java.net.Socket connect(String host, int port) throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(new java.net.InetSocketAddress(host, port), 5000);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        return socket;
    }

    /** Opens a GET; the caller reads the answer and disconnects. */
    HttpsURLConnection get(URI uri) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
        connection.setSSLSocketFactory(tls.getSocketFactory());
        connection.setConnectTimeout(5000);
        // A follow may be quiet for long; the client ending the request ends it here.
        connection.setReadTimeout(0);
        connection.setRequestMethod("GET");
        return connection;
    }
}

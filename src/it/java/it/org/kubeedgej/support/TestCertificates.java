package it.org.kubeedgej.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates made with the project's own certs/certgen.sh, as an operator makes them. */
public final class TestCertificates {

    /** The default store password of certgen.sh. */
    public static final char[] PASSWORD = "kubeedge-j".toCharArray();

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * Makes a CA, CloudCore's certificate and one certificate per node in {@code dir}.
     *
     * @param dir where to write them
     * @param nodes the edge nodes
     * @return the certificates
     */
    public static TestCertificates generate(Path dir, String... nodes) {
        certgen("ca", dir);
        certgen("server", dir);
        for (String node : nodes) {
            certgen("edge", dir, node);
        }
        return new TestCertificates(dir);
    }

    /** @return the API server's kubelet client store (certgen.sh apiserver-client), made on first use */
    public Path apiServerClient() {
        Path store = dir.resolve("apiserver-kubelet-client.p12");
        if (!Files.exists(store)) {
            certgen("apiserver-client", dir);
        }
        return store;
    }

    /** @return the directory holding cloudcore.p12 and truststore.p12 */
    public Path dir() {
        return dir;
    }

    /**
     * @param node a node whose certificate was generated, or null for no client certificate
     * @return a TLS context presenting that node's certificate and trusting this CA
     */
    public SSLContext sslContextFor(String node) {
        return sslContextFor(node, this);
    }

    /**
     * @param node a node whose certificate was generated here, or null for no client certificate
     * @param trusted whose CA to trust for the server's certificate
     * @return a TLS context presenting this directory's certificate for the node
     */
    public SSLContext sslContextFor(String node, TestCertificates trusted) {
        return sslContext(node == null ? null : dir.resolve("edge-" + node + ".p12"), trusted);
    }

    /** @return a TLS context presenting the API server's kubelet client certificate and trusting this CA */
    public SSLContext sslContextForApiServer() {
        return sslContext(apiServerClient(), this);
    }

    private SSLContext sslContext(Path clientStore, TestCertificates trusted) {
        try {
            KeyManagerFactory keys = null;
            if (clientStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(clientStore), PASSWORD);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trusted.dir.resolve("truststore.p12")));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a TLS context with " + clientStore + " from " + dir, e);
        }
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static void certgen(String command, Path dir, String... more) {
        String script = Path.of(System.getProperty("kubeedgej.root"), "certs", "certgen.sh").toString();
        List<String> cmd = new ArrayList<>(List.of(script, command, dir.toString()));
        cmd.addAll(List.of(more));
        try {
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("certgen " + cmd + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

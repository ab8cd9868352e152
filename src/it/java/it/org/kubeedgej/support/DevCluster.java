package it.org.kubeedgej.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.Yaml;
import java.util.stream.Stream;
import org.kubeedgej.devapiserver.DevApiServer;

/**
 * The development API server for a test class, in the test JVM, with a kubeconfig file the servers under test
 * read. It can be stopped and restarted on the same port to play an API server that goes away.
 */
public final class DevCluster implements AutoCloseable {

    private final Path kubeconfig;
    private final int port;
    private final Path kubeletClient;
    private DevApiServer server;

    private DevCluster(DevApiServer server, Path kubeconfig, Path kubeletClient) {
        this.kubeletClient = kubeletClient;
        this.server = server;
        this.port = server.port();
        this.kubeconfig = kubeconfig;
    }

    /** @return a running development API server on a free port, and its kubeconfig */
    public static DevCluster start() {
        return start(null);
    }

    /**
     * @param kubeletClient the API server's kubelet client store ({@link TestCertificates#apiServerClient()}), so
     *     pods/log reaches CloudStream; null for none
     * @return a running development API server on a free port, and its kubeconfig
     */
    public static DevCluster start(Path kubeletClient) {
        DevApiServer server = DevApiServer.start(0, kubeletClient);
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("it.work.dir")));
            Path kubeconfig = Files.createTempFile(dir, "kubeconfig-", ".yaml");
            server.writeKubeconfig(kubeconfig);
            return new DevCluster(server, kubeconfig, kubeletClient);
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    /** @return an official client for this server */
    public ApiClient client() {
        return new ClientBuilder().setBasePath(url()).build();
    }

    /**
     * Creates every CustomResourceDefinition in the project's crds/ directory, as bin/kubeedge-j up does.
     *
     * @return this cluster
     */
    public DevCluster installProjectCrds() {
        Path crds = Path.of(System.getProperty("kubeedgej.root"), "crds");
        ApiextensionsV1Api api = new ApiextensionsV1Api(client());
        try (Stream<Path> files = Files.list(crds)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                api.createCustomResourceDefinition(Yaml.loadAs(file.toFile(), V1CustomResourceDefinition.class))
                        .execute();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ApiException e) {
            throw new IllegalStateException("cannot create the project's CRDs: " + e.getResponseBody(), e);
        }
        return this;
    }

    /** @return the kubeconfig file pointing at this server */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** @return the server's base URL */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the server; clients now get connection refused. */
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts an empty server again on the same port. */
    public void restart() {
        stop();
        server = DevApiServer.start(port, kubeletClient);
    }

    @Override
    public void close() {
        stop();
    }
}

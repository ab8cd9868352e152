package org.kubeedgej.cloud.kubeapi;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/** Builds the one ApiClient that all of CloudCore shares. */
@ApplicationScoped
public class KubeApiClientProducer {

    private static final Logger LOG = Logger.getLogger(KubeApiClientProducer.class.getName());

    @Inject
    KubeApiConfig config;

    /**
     * {@code @Singleton} rather than a normal scope: ApiClient is not meant to be proxied.
     *
     * @return a client for the configured API server
     */
    @Produces
    @Singleton
    ApiClient apiClient() {
        ApiClient client = build();
        config.master().ifPresent(client::setBasePath);
        client.setConnectTimeout(config.connectTimeoutMillis());
        // Informers hold watches open: no read timeout on the shared client.
        client.setReadTimeout(0);
        client.setHttpClient(client.getHttpClient().newBuilder().socketFactory(new NoDelaySocketFactory()).build());
        LOG.info(() -> "Kubernetes API server for cloudcore: " + client.getBasePath());
        return client;
    }

    private ApiClient build() {
        try {
            if (config.kubeConfig().isPresent()) {
                Path file = Path.of(config.kubeConfig().get());
                try (Reader reader = Files.newBufferedReader(file)) {
                    KubeConfig kubeConfig = KubeConfig.loadKubeConfig(reader);
                    kubeConfig.setFile(file.toFile());
                    return ClientBuilder.kubeconfig(kubeConfig).build();
                }
            }
            return ClientBuilder.standard().build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the Kubernetes client configuration ("
                    + config.kubeConfig().orElse("KUBECONFIG / ~/.kube/config / in-cluster")
                    + "); set kubeAPIConfig.kubeConfig to a readable kubeconfig file", e);
        }
    }
}

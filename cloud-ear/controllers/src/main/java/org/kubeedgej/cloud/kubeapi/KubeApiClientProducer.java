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
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

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
    @Inject
    MetricRegistry metrics;

    @Produces
    @Singleton
    ApiClient apiClient() {
        ApiClient client = build();
        config.master().ifPresent(client::setBasePath);
        client.setConnectTimeout(config.connectTimeoutMillis());
        // Informers hold watches open: no read timeout on the shared client.
        client.setReadTimeout(0);
        client.setHttpClient(client.getHttpClient().newBuilder().socketFactory(new NoDelaySocketFactory())
                .addInterceptor(new ApiWriteTimer(
                        metrics.timer(Metadata.builder().withName("kubeedge.cloudcore.api.write.duration")
                                .withDescription("time of each write (not GET) CloudCore made to the API server")
                                .withUnit(MetricUnits.SECONDS).build()),
                        metrics.counter(Metadata.builder().withName("kubeedge.cloudcore.api.write.failures")
                                .withDescription("writes the API server refused (HTTP 4xx/5xx) or never answered")
                                .withUnit(MetricUnits.NONE).build())))
                .build());
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

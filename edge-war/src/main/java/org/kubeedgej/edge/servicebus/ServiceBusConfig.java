package org.kubeedgej.edge.servicebus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ServiceBus's settings, named as in KubeEdge's edgecore.yaml ({@code modules.serviceBus.*}) where KubeEdge has
 * them. Differences, on purpose: KubeEdge's ServiceBus is off by default and listens on a configurable
 * {@code server} address; ours is on by default and always binds 127.0.0.1. {@code targetURLs} and
 * {@code maxBodyBytes} are ours: KubeEdge fills its allow-list only from cloud rules and hard-codes 5 MB.
 */
@ApplicationScoped
public class ServiceBusConfig {

    /** KubeEdge's {@code maxBodySize = 5 * 1e6} (edge/pkg/servicebus/servicebus.go). */
    public static final int DEFAULT_MAX_BODY_BYTES = 5_000_000;

    @Inject
    @ConfigProperty(name = "modules.serviceBus.enable", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "modules.serviceBus.port", defaultValue = "9060")
    int port;

    /** How long a call to a local service may take, from connect to the last byte of the response. */
    @Inject
    @ConfigProperty(name = "modules.serviceBus.timeoutSeconds", defaultValue = "10")
    int timeoutSeconds;

    /** Comma-separated URLs local apps may send to, in addition to those that cloud rules add later. */
    @Inject
    @ConfigProperty(name = "modules.serviceBus.targetURLs")
    Optional<List<String>> targetUrls;

    /** Largest request (from a local app) or response (from a local service) body ServiceBus carries. */
    @Inject
    @ConfigProperty(name = "modules.serviceBus.maxBodyBytes", defaultValue = "" + DEFAULT_MAX_BODY_BYTES)
    int maxBodyBytes;

    public boolean enabled() {
        return enabled;
    }

    public int port() {
        return port;
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    public List<String> targetUrls() {
        return targetUrls.orElse(List.of());
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** @return what is wrong with the settings, so that ServiceBus can refuse to start with a clear reason */
    public Optional<String> problem() {
        if (port < 0 || port > 65535) {
            return Optional.of("modules.serviceBus.port=" + port + " is not a TCP port (0-65535)");
        }
        if (timeoutSeconds < 1) {
            return Optional.of("modules.serviceBus.timeoutSeconds=" + timeoutSeconds + " must be at least 1");
        }
        if (maxBodyBytes < 1) {
            return Optional.of("modules.serviceBus.maxBodyBytes=" + maxBodyBytes + " must be at least 1");
        }
        return Optional.empty();
    }
}

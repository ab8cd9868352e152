package org.kubeedgej.edge.edged;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the Docker runtime edged uses. The engine is found at modules.edged.dockerHost, else at $DOCKER_HOST, else
 * at Docker's default socket. Nothing connects until the first pod arrives, so edgecore starts without Docker.
 */
@ApplicationScoped
public class ContainerRuntimeProducer {

    private static final Logger LOG = Logger.getLogger(ContainerRuntimeProducer.class.getName());
    static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

    @Inject
    @ConfigProperty(name = "modules.edged.dockerHost")
    Optional<String> dockerHost;

    @Inject
    @ConfigProperty(name = "modules.edged.imagePullTimeout", defaultValue = "20")
    int pullTimeoutSeconds;

    // Off by default: no registry is reachable from KubeEdge-J's nodes, and a pull attempt would send DNS and
    // registry traffic off the loopback interface. Images are loaded locally.
    @Inject
    @ConfigProperty(name = "modules.edged.imagePullEnabled", defaultValue = "false")
    boolean pullEnabled;

    // Dependent, not ApplicationScoped: PodManager (application scoped) is its one user, and no client proxy is
    // needed for the package-private interface.
    @Produces
    ContainerRuntime runtime() {
        String host = engineAddress(dockerHost);
        LOG.info(() -> "edged runs pods on the Docker engine at " + host + " (image pulls "
                + (pullEnabled ? "enabled" : "disabled") + ")");
        return new DockerJavaRuntime(host, pullTimeoutSeconds, pullEnabled);
    }

    /** @return modules.edged.dockerHost if set, else $DOCKER_HOST, else Docker's default socket */
    static String engineAddress(Optional<String> configured) {
        return configured.filter(h -> !h.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(h -> !h.isBlank()))
                .orElse(DEFAULT_DOCKER_HOST);
    }

    void close(@Disposes ContainerRuntime runtime) {
        if (runtime instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.fine(() -> "closing the container runtime: " + e);
            }
        }
    }
}

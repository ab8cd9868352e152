package org.kubeedgej.cloud.kubeapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings for reaching the Kubernetes API server, named as in KubeEdge's cloudcore.yaml
 * ({@code kubeAPIConfig.kubeConfig}, {@code kubeAPIConfig.master}). Environment variables override them
 * (KUBEAPICONFIG_KUBECONFIG); with neither set the client falls back to KUBECONFIG, ~/.kube/config or
 * the in-cluster service account.
 */
@ApplicationScoped
public class KubeApiConfig {

    @Inject
    @ConfigProperty(name = "kubeAPIConfig.kubeConfig")
    Optional<String> kubeConfig;

    @Inject
    @ConfigProperty(name = "kubeAPIConfig.master")
    Optional<String> master;

    @Inject
    @ConfigProperty(name = "kubeAPIConfig.connectTimeoutMillis", defaultValue = "3000")
    int connectTimeoutMillis;

    /** @return the kubeconfig file to use, if configured (blank counts as unset) */
    public Optional<String> kubeConfig() {
        return kubeConfig.filter(s -> !s.isBlank());
    }

    /** @return the API server URL overriding the kubeconfig's, if configured */
    public Optional<String> master() {
        return master.filter(s -> !s.isBlank());
    }

    /** @return how long to wait for a TCP connection to the API server */
    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }
}

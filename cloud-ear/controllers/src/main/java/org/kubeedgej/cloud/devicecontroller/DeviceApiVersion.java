package org.kubeedgej.cloud.devicecontroller;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApisApi;
import io.kubernetes.client.openapi.models.V1APIGroup;
import io.kubernetes.client.openapi.models.V1GroupVersionForDiscovery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one devices.kubeedge.io version DeviceController watches and writes. A Kubernetes API server keeps one copy of
 * each Device and serves it at every served version, so watching two versions would see each Device twice. The
 * choice: the group's preferred version (discovery) when it is one of {@code modules.deviceController.apiVersions},
 * else the first of those the server serves, else the first configured (the CRDs may not be installed yet; the
 * informer retries until they are).
 */
@ApplicationScoped
public class DeviceApiVersion {

    private static final Logger LOG = Logger.getLogger(DeviceApiVersion.class.getName());

    @Inject
    ApiClient client;

    @Inject
    DeviceControllerConfig config;

    private volatile String chosen;

    /** @return the version to use, decided on first call */
    public String get() {
        String version = chosen;
        if (version == null) {
            synchronized (this) {
                if (chosen == null) {
                    chosen = choose(config.apiVersions(), discover());
                }
                version = chosen;
            }
        }
        return version;
    }

    private Optional<V1APIGroup> discover() {
        try {
            return new ApisApi(client).getAPIVersions().execute().getGroups().stream()
                    .filter(g -> DeviceControllerConfig.GROUP.equals(g.getName())).findFirst();
        } catch (ApiException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String choose(List<String> configured, Optional<V1APIGroup> group) {
        if (configured.isEmpty()) {
            throw new IllegalStateException("modules.deviceController.apiVersions is empty; name the devices.kubeedge.io"
                    + " versions DeviceController may use, e.g. v1beta1,v1alpha1");
        }
        if (group.isEmpty()) {
            LOG.warning(() -> "the API server does not serve " + DeviceControllerConfig.GROUP + " yet (are the CRDs in"
                    + " crds/ applied?); DeviceController uses " + configured.get(0) + " and waits for it");
            return configured.get(0);
        }
        String preferred = group.get().getPreferredVersion() == null ? null
                : group.get().getPreferredVersion().getVersion();
        List<String> served = group.get().getVersions().stream().map(V1GroupVersionForDiscovery::getVersion).toList();
        String version = configured.contains(preferred) ? preferred
                : configured.stream().filter(served::contains).findFirst().orElse(configured.get(0));
        LOG.info(() -> "DeviceController uses " + DeviceControllerConfig.GROUP + "/" + version + " (served: " + served
                + ", preferred: " + preferred + ", allowed: " + configured + ")");
        return version;
    }
}

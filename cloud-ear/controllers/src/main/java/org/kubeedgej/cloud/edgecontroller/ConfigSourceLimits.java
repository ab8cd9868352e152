package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' size limit for ConfigMaps and Secrets (1 MiB of data), which a real API server enforces on write but
 * the development API server does not. EdgeController checks it before it sends one to a node, so an oversized
 * object never fills a node's queue or its database.
 */
final class ConfigSourceLimits {

    /** Kubernetes' MaxSecretSize, also the ConfigMap limit: 1 MiB. */
    static final long MAX_DATA_BYTES = 1024 * 1024;

    private ConfigSourceLimits() {
        throw new AssertionError();
    }

    /**
     * @param ref which object
     * @param object the object
     * @return why it must not go to an edge node, if it must not
     */
    static Optional<String> problem(ConfigSourceRef ref, KubernetesObject object) {
        long size = dataBytes(object);
        if (size > MAX_DATA_BYTES) {
            return Optional.of(ref.type() + " \"" + ref.name() + "\" is too large: " + size
                    + " bytes of data, over Kubernetes' limit of " + MAX_DATA_BYTES + " bytes (1 MiB)");
        }
        return Optional.empty();
    }

    /** @return the bytes of data the object carries, as Kubernetes counts them (values only) */
    static long dataBytes(KubernetesObject object) {
        long size = 0;
        if (object instanceof V1ConfigMap cm) {
            size += strings(cm.getData());
            if (cm.getBinaryData() != null) {
                size += cm.getBinaryData().values().stream().mapToLong(v -> v == null ? 0 : v.length).sum();
            }
        } else if (object instanceof V1Secret s) {
            if (s.getData() != null) {
                size += s.getData().values().stream().mapToLong(v -> v == null ? 0 : v.length).sum();
            }
            size += strings(s.getStringData());
        }
        return size;
    }

    private static long strings(Map<String, String> data) {
        return data == null ? 0 : data.values().stream()
                .mapToLong(v -> v == null ? 0 : v.getBytes(StandardCharsets.UTF_8).length).sum();
    }
}

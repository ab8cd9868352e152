package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1EnvVarSource;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeProjection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which ConfigMaps and Secrets a pod needs on its node: configMap/secret volumes, projected volume sources,
 * env valueFrom configMapKeyRef/secretKeyRef and envFrom, in every kind of container, and imagePullSecrets
 * (the kubelet reads those too). KubeEdge's LocationCache answers the same question to decide where a ConfigMap
 * or Secret goes.
 */
final class PodConfigReferences {

    private PodConfigReferences() {
        throw new AssertionError();
    }

    /**
     * @param pod a pod
     * @return what it references, in spec order; empty for a pod without a spec
     */
    static Set<ConfigSourceRef> of(V1Pod pod) {
        Set<ConfigSourceRef> refs = new LinkedHashSet<>();
        V1PodSpec spec = pod.getSpec();
        if (spec == null || pod.getMetadata() == null) {
            return refs;
        }
        String ns = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
        for (V1Volume volume : orEmpty(spec.getVolumes())) {
            volume(ns, volume, refs);
        }
        for (V1Container c : orEmpty(spec.getInitContainers())) {
            env(ns, c.getEnv(), c.getEnvFrom(), refs);
        }
        for (V1Container c : orEmpty(spec.getContainers())) {
            env(ns, c.getEnv(), c.getEnvFrom(), refs);
        }
        for (V1EphemeralContainer c : orEmpty(spec.getEphemeralContainers())) {
            env(ns, c.getEnv(), c.getEnvFrom(), refs);
        }
        orEmpty(spec.getImagePullSecrets()).stream().filter(s -> s.getName() != null)
                .forEach(s -> refs.add(ConfigSourceRef.secret(ns, s.getName())));
        return refs;
    }

    private static void volume(String ns, V1Volume volume, Set<ConfigSourceRef> refs) {
        if (volume.getConfigMap() != null && volume.getConfigMap().getName() != null) {
            refs.add(ConfigSourceRef.configMap(ns, volume.getConfigMap().getName()));
        }
        if (volume.getSecret() != null && volume.getSecret().getSecretName() != null) {
            refs.add(ConfigSourceRef.secret(ns, volume.getSecret().getSecretName()));
        }
        if (volume.getProjected() != null) {
            for (V1VolumeProjection p : orEmpty(volume.getProjected().getSources())) {
                if (p.getConfigMap() != null && p.getConfigMap().getName() != null) {
                    refs.add(ConfigSourceRef.configMap(ns, p.getConfigMap().getName()));
                }
                if (p.getSecret() != null && p.getSecret().getName() != null) {
                    refs.add(ConfigSourceRef.secret(ns, p.getSecret().getName()));
                }
            }
        }
    }

    private static void env(String ns, List<V1EnvVar> env, List<V1EnvFromSource> envFrom, Set<ConfigSourceRef> refs) {
        for (V1EnvFromSource from : orEmpty(envFrom)) {
            if (from.getConfigMapRef() != null && from.getConfigMapRef().getName() != null) {
                refs.add(ConfigSourceRef.configMap(ns, from.getConfigMapRef().getName()));
            }
            if (from.getSecretRef() != null && from.getSecretRef().getName() != null) {
                refs.add(ConfigSourceRef.secret(ns, from.getSecretRef().getName()));
            }
        }
        for (V1EnvVar var : orEmpty(env)) {
            V1EnvVarSource source = var.getValueFrom();
            if (source == null) {
                continue;
            }
            if (source.getConfigMapKeyRef() != null && source.getConfigMapKeyRef().getName() != null) {
                refs.add(ConfigSourceRef.configMap(ns, source.getConfigMapKeyRef().getName()));
            }
            if (source.getSecretKeyRef() != null && source.getSecretKeyRef().getName() != null) {
                refs.add(ConfigSourceRef.secret(ns, source.getSecretKeyRef().getName()));
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

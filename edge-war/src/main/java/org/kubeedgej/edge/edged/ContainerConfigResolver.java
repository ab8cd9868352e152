package org.kubeedgej.edge.edged;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kubeedgej.edge.edged.VolumeMaterializer.PodVolume;

/**
 * What a container needs from its node besides the image, worked out right before it starts: its pod's volumes
 * prepared ({@link VolumeMaterializer}), its environment resolved ({@link EnvResolver}) and its volumeMounts turned
 * into bind mounts (readOnly, subPath). A failure is the container's CreateContainerConfigError.
 */
final class ContainerConfigResolver {

    private final EnvResolver env;
    private final VolumeMaterializer volumes;

    /**
     * @param lookup where ConfigMaps and Secrets are read
     * @param rootDirectory edged's root directory for volume files (absolute)
     */
    ContainerConfigResolver(ConfigSourceLookup lookup, Path rootDirectory) {
        this.env = new EnvResolver(lookup);
        this.volumes = new VolumeMaterializer(lookup, rootDirectory);
    }

    /** A pod whose volumes were prepared (or failed to be) in this sync; resolves its containers. */
    final class PreparedPod {

        private final PodDefinition pod;
        private final Map<String, PodVolume> prepared;
        private final ContainerConfigException volumeError;

        private PreparedPod(PodDefinition pod, Map<String, PodVolume> prepared, ContainerConfigException error) {
            this.pod = pod;
            this.prepared = prepared;
            this.volumeError = error;
        }

        /**
         * @param spec a container of the pod, as parsed
         * @return it with its environment and mounts
         * @throws ContainerConfigException when a volume, ConfigMap, Secret or key it needs is not there
         */
        ContainerSpec resolve(ContainerSpec spec) throws ContainerConfigException {
            if (volumeError != null) {
                throw volumeError;
            }
            JsonObject container = containerJson(pod, spec.name());
            return spec.withConfig(env.resolve(pod, container), mounts(container));
        }

        private List<Mount> mounts(JsonObject container) throws ContainerConfigException {
            List<Mount> mounts = new ArrayList<>();
            if (!container.containsKey("volumeMounts")
                    || container.get("volumeMounts").getValueType() != JsonValue.ValueType.ARRAY) {
                return mounts;
            }
            for (JsonObject m : container.getJsonArray("volumeMounts").getValuesAs(JsonObject.class)) {
                String name = m.getString("name", "");
                String mountPath = m.getString("mountPath", "");
                PodVolume volume = prepared.get(name);
                if (volume == null) {
                    throw new ContainerConfigException("volumeMount \"" + name + "\": the pod has no such volume");
                }
                if (volume.hostPath() == null) {
                    throw new ContainerConfigException("volume \"" + name + "\" is a " + volume.kind() + " volume,"
                            + " which edged does not support (configMap, secret, projected, downwardAPI, emptyDir"
                            + " and hostPath are)");
                }
                if (!mountPath.startsWith("/")) {
                    throw new ContainerConfigException("volumeMount \"" + name + "\": mountPath \"" + mountPath
                            + "\" is not absolute");
                }
                if (m.containsKey("subPathExpr")) {
                    throw new ContainerConfigException("volumeMount \"" + name + "\": subPathExpr is not supported"
                            + " by edged");
                }
                Path source = subPath(volume, m.getString("subPath", ""));
                mounts.add(new Mount(source.toString(), mountPath,
                        volume.alwaysReadOnly() || m.getBoolean("readOnly", false)));
            }
            return mounts;
        }
    }

    /** Prepares (or refreshes) the pod's volumes; a failure is kept for the containers that start in this sync. */
    PreparedPod prepare(PodDefinition pod) {
        try {
            return new PreparedPod(pod, volumes.prepare(pod), null);
        } catch (ContainerConfigException e) {
            return new PreparedPod(pod, Map.of(), e);
        }
    }

    /** Removes what was prepared for a pod (volume files and emptyDirs), once its containers are gone. */
    void cleanUp(PodDefinition pod) {
        volumes.remove(pod.ref().uid());
    }

    /** The kubelet's subPath: a path inside the volume, created for writable volumes, required for the others. */
    private static Path subPath(PodVolume volume, String subPath) throws ContainerConfigException {
        if (subPath.isEmpty()) {
            return volume.hostPath();
        }
        Path path = volume.hostPath().resolve(VolumePayloads.checkPath(volume.name(), subPath));
        try {
            if (!volume.alwaysReadOnly() && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(path);
            }
            if (!Files.exists(path)) {
                throw new ContainerConfigException("volume \"" + volume.name() + "\": subPath \"" + subPath
                        + "\" does not exist in it");
            }
            Path real = path.toRealPath();
            if (!real.startsWith(volume.hostPath().toRealPath())) {
                throw new ContainerConfigException("volume \"" + volume.name() + "\": subPath \"" + subPath
                        + "\" leads outside the volume");
            }
            // The file as it is now: a subPath mount does not follow later updates (kubelet semantics).
            return real;
        } catch (IOException e) {
            throw new ContainerConfigException("volume \"" + volume.name() + "\": cannot prepare subPath \""
                    + subPath + "\": " + e);
        }
    }

    private static JsonObject containerJson(PodDefinition pod, String name) {
        JsonObject spec = FieldPaths.object(pod.json(), "spec");
        if (spec.containsKey("containers") && spec.get("containers").getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonObject c : spec.getJsonArray("containers").getValuesAs(JsonObject.class)) {
                if (name.equals(c.getString("name", ""))) {
                    return c;
                }
            }
        }
        return JsonValue.EMPTY_JSON_OBJECT;
    }
}

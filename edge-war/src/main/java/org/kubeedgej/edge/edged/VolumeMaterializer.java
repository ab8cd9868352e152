package org.kubeedgej.edge.edged;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.kubeedgej.edge.edged.AtomicVolumeWriter.FileContent;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Prepares a pod's volumes on the node before its containers start, and again at every sync so updates reach
 * running containers: configMap, secret, projected and downwardAPI volumes become files under
 * {@code <rootDirectory>/pods/<uid>/volumes/<name>/} (rewritten only when their content changed), an emptyDir is a
 * directory there, removed with the pod, and a hostPath is checked against its type. Other volume types are
 * reported, and fail only the containers that mount them.
 */
final class VolumeMaterializer {

    private static final Logger LOG = Logger.getLogger(VolumeMaterializer.class.getName());

    /**
     * A volume as containers mount it.
     *
     * @param name the volume's name in the pod
     * @param kind configMap, secret, projected, downwardAPI, emptyDir, hostPath, or an unsupported type
     * @param hostPath where it is on the node; null for an unsupported type
     * @param alwaysReadOnly the kubelet mounts it read-only whatever the volumeMount says
     */
    record PodVolume(String name, String kind, Path hostPath, boolean alwaysReadOnly) {}

    private final VolumePayloads payloads;
    private final Path root;
    /** Fingerprint of what each volume directory holds, so an unchanged volume is not rewritten every sync. */
    private final Map<Path, String> written = new ConcurrentHashMap<>();

    /**
     * @param lookup where ConfigMaps and Secrets are read
     * @param rootDirectory edged's root directory (absolute), e.g. {@code <server>/data/edged}
     */
    VolumeMaterializer(ConfigSourceLookup lookup, Path rootDirectory) {
        this.payloads = new VolumePayloads(lookup);
        this.root = rootDirectory;
    }

    /**
     * @param pod the pod
     * @return its volumes by name
     * @throws ContainerConfigException naming the volume that cannot be prepared
     */
    Map<String, PodVolume> prepare(PodDefinition pod) throws ContainerConfigException {
        Map<String, PodVolume> volumes = new LinkedHashMap<>();
        for (JsonObject volume : volumesOf(pod)) {
            String name = volume.getString("name", "");
            if (!VolumePayloads.validKey(name) || name.contains(".")) {
                throw new ContainerConfigException("volume name \"" + name + "\" is not valid");
            }
            Path dir = podDir(pod.ref().uid()).resolve("volumes").resolve(name);
            PodVolume prepared;
            if (volume.containsKey("configMap") || volume.containsKey("secret")) {
                boolean secret = volume.containsKey("secret");
                JsonObject source = volume.getJsonObject(secret ? "secret" : "configMap");
                files(dir, payloads.configSource(secret ? ResourceTypes.SECRET : ResourceTypes.CONFIGMAP, pod, name,
                        source, VolumePayloads.defaultMode(source)));
                prepared = new PodVolume(name, secret ? "secret" : "configMap", dir, true);
            } else if (volume.containsKey("projected")) {
                files(dir, projected(pod, name, volume.getJsonObject("projected")));
                prepared = new PodVolume(name, "projected", dir, true);
            } else if (volume.containsKey("downwardAPI")) {
                JsonObject source = volume.getJsonObject("downwardAPI");
                files(dir, payloads.downwardApi(pod, name, source, VolumePayloads.defaultMode(source)));
                prepared = new PodVolume(name, "downwardAPI", dir, true);
            } else if (volume.containsKey("emptyDir")) {
                createDirectory(name, dir);
                prepared = new PodVolume(name, "emptyDir", dir, false);
            } else if (volume.containsKey("hostPath")) {
                prepared = new PodVolume(name, "hostPath", HostPathCheck.check(name, volume.getJsonObject("hostPath")),
                        false);
            } else {
                String kind = volume.keySet().stream().filter(k -> !k.equals("name")).findFirst().orElse("unknown");
                prepared = new PodVolume(name, kind, null, false);
            }
            volumes.put(name, prepared);
        }
        return volumes;
    }

    /** Removes everything edged wrote for a pod (its configMap/secret files and emptyDirs). */
    void remove(String podUid) {
        Path dir = podDir(podUid);
        written.keySet().removeIf(p -> p.startsWith(dir));
        try {
            AtomicVolumeWriter.deleteTree(dir);
        } catch (IOException e) {
            LOG.warning(() -> "cannot remove the volumes of pod " + podUid + " in " + dir + ": " + e);
        }
    }

    Path podDir(String podUid) {
        return root.resolve("pods").resolve(podUid);
    }

    private Map<String, FileContent> projected(PodDefinition pod, String name, JsonObject projected)
            throws ContainerConfigException {
        int defaultMode = VolumePayloads.defaultMode(projected);
        Map<String, FileContent> files = new LinkedHashMap<>();
        List<JsonObject> sources = projected.containsKey("sources")
                && projected.get("sources").getValueType() == JsonValue.ValueType.ARRAY
                ? projected.getJsonArray("sources").getValuesAs(JsonObject.class) : List.of();
        for (JsonObject source : sources) {
            if (source.containsKey("configMap")) {
                files.putAll(payloads.configSource(ResourceTypes.CONFIGMAP, pod, name, source.getJsonObject(
                        "configMap"), defaultMode));
            } else if (source.containsKey("secret")) {
                files.putAll(payloads.configSource(ResourceTypes.SECRET, pod, name, source.getJsonObject("secret"),
                        defaultMode));
            } else if (source.containsKey("downwardAPI")) {
                files.putAll(payloads.downwardApi(pod, name, source.getJsonObject("downwardAPI"), defaultMode));
            } else {
                // e.g. the serviceAccountToken of kube-api-access-*: edge pods get no API token from edged.
                LOG.fine(() -> "pod " + pod.key() + ": projected volume " + name + " source " + source.keySet()
                        + " is not supported by edged; left out");
            }
        }
        return files;
    }

    private void files(Path dir, Map<String, FileContent> files) throws ContainerConfigException {
        String fingerprint = fingerprint(files);
        if (fingerprint.equals(written.get(dir)) && Files.exists(dir.resolve(AtomicVolumeWriter.DATA_LINK),
                LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            AtomicVolumeWriter.write(dir, files);
            written.put(dir, fingerprint);
            LOG.fine(() -> "volume files written in " + dir);
        } catch (IOException e) {
            throw new ContainerConfigException("cannot write volume files in " + dir + ": " + e);
        }
    }

    private static void createDirectory(String name, Path dir) throws ContainerConfigException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ContainerConfigException("volume \"" + name + "\": cannot create " + dir + ": " + e);
        }
    }

    private static String fingerprint(Map<String, FileContent> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Integer.toString(e.getValue().mode()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(e.getValue().bytes());
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonObject> volumesOf(PodDefinition pod) {
        JsonObject spec = FieldPaths.object(pod.json(), "spec");
        return spec.containsKey("volumes") && spec.get("volumes").getValueType() == JsonValue.ValueType.ARRAY
                ? spec.getJsonArray("volumes").getValuesAs(JsonObject.class) : List.of();
    }
}

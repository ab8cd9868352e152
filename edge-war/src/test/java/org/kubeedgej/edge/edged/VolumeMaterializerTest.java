package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kubeedgej.edge.edged.VolumeMaterializer.PodVolume;

/** Volumes laid out in a temporary root directory, as edged lays them out for Docker to bind-mount. */
final class VolumeMaterializerTest {

    @TempDir
    Path root;

    private final MapConfigSources sources = new MapConfigSources()
            .put("configmap", "app", "{\"data\":{\"mode\":\"edge\",\"app.properties\":\"a=1\\nb=2\\n\"}}")
            .put("secret", "db", "{\"data\":{\"password\":\"cEBzcw==\",\"user\":\"YWRtaW4=\"}}");

    @Test
    void configMapAndSecretBecomeFilesSecretsDecoded() throws Exception {
        VolumeMaterializer underTest = new VolumeMaterializer(sources, root);
        Map<String, PodVolume> volumes = underTest.prepare(pod("""
                [{"name":"cfg","configMap":{"name":"app"}},
                 {"name":"creds","secret":{"secretName":"db","defaultMode":256,
                  "items":[{"key":"password","path":"db/pass"},{"key":"user","path":"user","mode":292}]}}]"""));

        Path cfg = volumes.get("cfg").hostPath();
        assertEquals(root.resolve("pods/uid-1/volumes/cfg"), cfg);
        assertEquals("edge", Files.readString(cfg.resolve("mode")));
        assertEquals("a=1\nb=2\n", Files.readString(cfg.resolve("app.properties")));
        assertTrue(Files.isSymbolicLink(cfg.resolve("mode")), "visible files go through ..data, as the kubelet's");
        assertEquals("rw-r--r--", mode(cfg.resolve("mode")));
        assertTrue(volumes.get("cfg").alwaysReadOnly());

        Path creds = volumes.get("creds").hostPath();
        assertEquals("p@ss", Files.readString(creds.resolve("db/pass")));
        assertEquals("r--------", mode(creds.resolve("db/pass")), "defaultMode 0400");
        assertEquals("r--r--r--", mode(creds.resolve("user")), "item mode 0444");
        assertFalse(Files.exists(creds.resolve("password")), "only the listed items");
    }

    @Test
    void anUpdateSwapsTheFilesAtOnceAndAnUnchangedVolumeIsNotRewritten() throws Exception {
        VolumeMaterializer underTest = new VolumeMaterializer(sources, root);
        PodDefinition pod = pod("[{\"name\":\"cfg\",\"configMap\":{\"name\":\"app\"}}]");
        Path cfg = underTest.prepare(pod).get("cfg").hostPath();
        Path dataDir = Files.readSymbolicLink(cfg.resolve(AtomicVolumeWriter.DATA_LINK));
        underTest.prepare(pod);
        assertEquals(dataDir, Files.readSymbolicLink(cfg.resolve(AtomicVolumeWriter.DATA_LINK)), "nothing changed");

        sources.put("configmap", "app", "{\"data\":{\"mode\":\"cloud\"}}");
        underTest.prepare(pod);
        assertEquals("cloud", Files.readString(cfg.resolve("mode")));
        assertFalse(Files.exists(cfg.resolve("app.properties")), "a removed key's file goes");
        try (Stream<Path> entries = Files.list(cfg)) {
            assertEquals(3, entries.count(), "..data, one ..<n> directory and mode: the old directory is gone");
        }
    }

    @Test
    void missingOrUnusableSourcesFailOnlyThisPodWithAClearMessage() throws Exception {
        VolumeMaterializer underTest = new VolumeMaterializer(sources, root);
        assertEquals("configmap \"nope\" not found", assertThrows(ContainerConfigException.class,
                () -> underTest.prepare(pod("[{\"name\":\"v\",\"configMap\":{\"name\":\"nope\"}}]"))).getMessage());
        assertTrue(underTest.prepare(pod("[{\"name\":\"v\",\"configMap\":{\"name\":\"nope\",\"optional\":true}}]"))
                .containsKey("v"), "an optional missing ConfigMap is an empty volume");

        sources.put("configmap", "weird", "{\"data\":{\"../escape\":\"x\"}}");
        String message = assertThrows(ContainerConfigException.class, () -> underTest.prepare(pod(
                "[{\"name\":\"v\",\"configMap\":{\"name\":\"weird\"}}]"))).getMessage();
        assertTrue(message.contains("key \"../escape\" is not a valid file name"), message);
        assertFalse(Files.exists(root.resolve("pods/uid-1/escape")));
        message = assertThrows(ContainerConfigException.class, () -> underTest.prepare(pod(
                "[{\"name\":\"v\",\"configMap\":{\"name\":\"app\",\"items\":[{\"key\":\"mode\",\"path\":\"../x\"}]}}]")))
                .getMessage();
        assertTrue(message.contains("path \"../x\" is not a valid relative file path"), message);

        sources.put("configmap", "big", "{\"data\":{\"k\":\"" + "x".repeat(1024 * 1024 + 1) + "\"}}");
        message = assertThrows(ContainerConfigException.class, () -> underTest.prepare(pod(
                "[{\"name\":\"v\",\"configMap\":{\"name\":\"big\"}}]"))).getMessage();
        assertTrue(message.startsWith("configmap \"big\" is too large: 1048577 bytes"), message);
    }

    @Test
    void emptyDirLivesWithThePodAndHostPathFollowsItsType() throws Exception {
        VolumeMaterializer underTest = new VolumeMaterializer(sources, root);
        Path host = root.resolve("host/data");
        Map<String, PodVolume> volumes = underTest.prepare(pod("[{\"name\":\"scratch\",\"emptyDir\":{}},"
                + "{\"name\":\"h\",\"hostPath\":{\"path\":\"" + host + "\",\"type\":\"DirectoryOrCreate\"}},"
                + "{\"name\":\"p\",\"projected\":{\"sources\":[{\"configMap\":{\"name\":\"app\",\"items\":[{\"key\":"
                + "\"mode\",\"path\":\"mode\"}]}},{\"secret\":{\"name\":\"db\"}},{\"downwardAPI\":{\"items\":[{\"path\":"
                + "\"name\",\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}]}},{\"serviceAccountToken\":{\"path\":"
                + "\"token\"}}]}}]"));
        assertTrue(Files.isDirectory(volumes.get("scratch").hostPath()));
        assertFalse(volumes.get("scratch").alwaysReadOnly());
        assertTrue(Files.isDirectory(host), "DirectoryOrCreate created it");
        Path projected = volumes.get("p").hostPath();
        assertEquals("edge", Files.readString(projected.resolve("mode")));
        assertEquals("admin", Files.readString(projected.resolve("user")));
        assertEquals("web", Files.readString(projected.resolve("name")));

        String message = assertThrows(ContainerConfigException.class, () -> underTest.prepare(pod(
                "[{\"name\":\"h\",\"hostPath\":{\"path\":\"" + root.resolve("absent") + "\",\"type\":\"Directory\"}}]")))
                .getMessage();
        assertTrue(message.contains("is not a Directory (it must exist on the node)"), message);

        Files.writeString(volumes.get("scratch").hostPath().resolve("work"), "x");
        underTest.remove("uid-1");
        assertFalse(Files.exists(root.resolve("pods/uid-1")));
        assertTrue(Files.isDirectory(host), "a hostPath is the node's, never removed");
    }

    static PodDefinition pod(String volumes) {
        return PodSpecReader.read(Json.createReader(new StringReader("{\"metadata\":{\"name\":\"web\",\"namespace\":"
                + "\"default\",\"uid\":\"uid-1\"},\"spec\":{\"volumes\":" + volumes + ",\"containers\":[{\"name\":"
                + "\"c\",\"image\":\"busybox\",\"volumeMounts\":[]}]}}")).readObject(), "default");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}

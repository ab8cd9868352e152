package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ContainerConfigResolverTest {

    @TempDir
    Path root;

    private final MapConfigSources sources = new MapConfigSources()
            .put("configmap", "app", "{\"data\":{\"mode\":\"edge\"}}");

    @Test
    void mountsFollowReadOnlyAndSubPathAndEnvIsResolved() throws Exception {
        ContainerConfigResolver underTest = new ContainerConfigResolver(sources, root);
        PodDefinition pod = pod("""
                [{"name":"cfg","configMap":{"name":"app"}},{"name":"scratch","emptyDir":{}}]""", """
                [{"name":"cfg","mountPath":"/etc/app"},{"name":"cfg","mountPath":"/etc/mode","subPath":"mode"},
                 {"name":"scratch","mountPath":"/work"},{"name":"scratch","mountPath":"/ro","readOnly":true,
                  "subPath":"logs"}]""");

        ContainerSpec resolved = underTest.prepare(pod).resolve(pod.containers().get(0));

        Path volumes = root.resolve("pods/uid-1/volumes").toRealPath();
        assertEquals(List.of(
                new Mount(volumes.resolve("cfg").toString(), "/etc/app", true),
                new Mount(volumes.resolve("cfg").resolve("mode").toRealPath().toString(), "/etc/mode", true),
                new Mount(volumes.resolve("scratch").toString(), "/work", false),
                new Mount(volumes.resolve("scratch/logs").toString(), "/ro", true)), resolved.mounts());
        assertTrue(resolved.mounts().get(1).hostPath().contains("/.."), "a subPath is bound to the file itself");
        assertEquals(Map.of("MODE", "edge"), resolved.env());
    }

    @Test
    void aVolumeThatCannotBePreparedOrMountedIsTheContainersConfigError() {
        ContainerConfigResolver underTest = new ContainerConfigResolver(sources, root);
        PodDefinition missing = pod("[{\"name\":\"cfg\",\"configMap\":{\"name\":\"later\"}}]",
                "[{\"name\":\"cfg\",\"mountPath\":\"/etc/app\"}]");
        assertEquals("configmap \"later\" not found", assertThrows(ContainerConfigException.class,
                () -> underTest.prepare(missing).resolve(missing.containers().get(0))).getMessage());

        PodDefinition pvc = pod("[{\"name\":\"data\",\"persistentVolumeClaim\":{\"claimName\":\"c\"}}]",
                "[{\"name\":\"data\",\"mountPath\":\"/data\"}]");
        String message = assertThrows(ContainerConfigException.class,
                () -> underTest.prepare(pvc).resolve(pvc.containers().get(0))).getMessage();
        assertTrue(message.startsWith("volume \"data\" is a persistentVolumeClaim volume, which edged does not"),
                message);

        PodDefinition noKey = pod("[{\"name\":\"cfg\",\"configMap\":{\"name\":\"app\"}}]",
                "[{\"name\":\"cfg\",\"mountPath\":\"/m\",\"subPath\":\"absent\"}]");
        message = assertThrows(ContainerConfigException.class,
                () -> underTest.prepare(noKey).resolve(noKey.containers().get(0))).getMessage();
        assertEquals("volume \"cfg\": subPath \"absent\" does not exist in it", message);
    }

    private static PodDefinition pod(String volumes, String mounts) {
        return PodSpecReader.read(Json.createReader(new StringReader("{\"metadata\":{\"name\":\"web\",\"namespace\":"
                + "\"default\",\"uid\":\"uid-1\"},\"spec\":{\"volumes\":" + volumes + ",\"containers\":[{\"name\":"
                + "\"c\",\"image\":\"busybox\",\"env\":[{\"name\":\"MODE\",\"valueFrom\":{\"configMapKeyRef\":"
                + "{\"name\":\"app\",\"key\":\"mode\",\"optional\":true}}}],\"volumeMounts\":" + mounts + "}]}}"))
                .readObject(), "default");
    }
}

package org.kubeedgej.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeEdgeYamlConfigSourceTest {

    /** The shape of KubeEdge v1.22's `edgecore --minconfig`, trimmed. */
    private static final String EDGECORE_YAML = """
            apiVersion: edgecore.config.kubeedge.io/v1alpha2
            database:
              dataSource: /var/lib/kubeedge/edgecore.db
            kind: EdgeCore
            modules:
              edgeHub:
                heartbeat: 15
                httpServer: https://127.0.0.1:10002
                tlsCaFile: /etc/kubeedge/ca/rootCA.crt
                token: ""
                websocket:
                  enable: true
                  handshakeTimeout: 30
                  server: 127.0.0.1:10000
              edged:
                hostnameOverride: worker2
                tailoredKubeletConfig:
                  clusterDNS:
                  - 169.254.96.16
                  - 10.0.0.10
              eventBus:
                mqttMode: 2
                mqttServerExternal: tcp://127.0.0.1:1883
              metaManager:
                metaServer:
                  enable: true
                  server: 127.0.0.1:10550
                  tlsCaFile: null
            """;

    @TempDir
    Path dir;

    private KubeEdgeYamlConfigSource sourceFor(String yaml) throws IOException {
        Path file = dir.resolve("edgecore.yaml");
        Files.writeString(file, yaml);
        return new KubeEdgeYamlConfigSource(dir.resolve("absent.yaml"), Map.of(
                KubeEdgeYamlConfigSource.FILE_VARIABLE, file.toString())::get) { };
    }

    @Test
    void nestedKeysBecomeDottedProperties() throws IOException {
        KubeEdgeYamlConfigSource underTest = sourceFor(EDGECORE_YAML);
        assertEquals("worker2", underTest.getValue("modules.edged.hostnameOverride"));
        assertEquals("127.0.0.1:10000", underTest.getValue("modules.edgeHub.websocket.server"));
        assertEquals("15", underTest.getValue("modules.edgeHub.heartbeat"));
        assertEquals("2", underTest.getValue("modules.eventBus.mqttMode"));
        assertEquals("true", underTest.getValue("modules.metaManager.metaServer.enable"));
        assertEquals("", underTest.getValue("modules.edgeHub.token"));
        assertEquals(250, underTest.getOrdinal());
    }

    @Test
    void scalarListsBecomeCommaSeparatedAndNullsAreAbsent() throws IOException {
        KubeEdgeYamlConfigSource underTest = sourceFor(EDGECORE_YAML);
        assertEquals("169.254.96.16,10.0.0.10",
                underTest.getValue("modules.edged.tailoredKubeletConfig.clusterDNS"));
        assertFalse(underTest.getPropertyNames().contains("modules.metaManager.metaServer.tlsCaFile"));
    }

    @Test
    void commasInsideListItemsAreEscaped() throws IOException {
        assertEquals("a\\,b,c", sourceFor("x:\n  - a,b\n  - c\n").getValue("x"));
    }

    @Test
    void missingDefaultFileGivesNoProperties() {
        KubeEdgeYamlConfigSource underTest = new KubeEdgeYamlConfigSource(dir.resolve("absent.yaml"),
                name -> null) { };
        assertTrue(underTest.getProperties().isEmpty());
        assertTrue(underTest.getName().contains("none at"), underTest.getName());
    }

    @Test
    void namedFileThatIsMissingStopsTheStartWithTheReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new KubeEdgeYamlConfigSource(
                dir.resolve("absent.yaml"), Map.of(KubeEdgeYamlConfigSource.FILE_VARIABLE, "/nope.yaml")::get) { });
        assertTrue(e.getMessage().contains("/nope.yaml"), e.getMessage());
    }

    @Test
    void invalidYamlNamesTheFile() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sourceFor("a: [unclosed\n"));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThrows(IllegalStateException.class, () -> sourceFor("a: 1\na: 2\n"));
    }

    @Test
    void aTopLevelScalarIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sourceFor("just text\n"));
        assertTrue(e.getMessage().contains("mapping"), e.getMessage());
    }

    @Test
    void deeplyNestedDocumentsAreRefused() {
        String deep = "a: ".repeat(1) + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThrows(IllegalStateException.class, () -> sourceFor(deep));
    }
}

package org.kubeedgej.edge.join;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The edge's config in KubeEdge's edgecore.yaml form (edgecore.config.kubeedge.io/v1alpha2), with the keys EdgeCore
 * reads (it flattens the file into MicroProfile Config keys such as {@code modules.edgeHub.httpServer}). As
 * {@code keadm join} writes it, except that the token is not stored: join has used it already, where KubeEdge's
 * edgecore uses it at its first start and then blanks it.
 */
final class EdgeCoreYaml {

    private EdgeCoreYaml() {
        throw new AssertionError();
    }

    /** The three files of KubeEdge's layout under an edge directory. */
    record Layout(Path edgeDir) {

        Path caFile() {
            return edgeDir.resolve("ca").resolve("rootCA.crt");
        }

        Path certFile() {
            return edgeDir.resolve("certs").resolve("server.crt");
        }

        Path keyFile() {
            return edgeDir.resolve("certs").resolve("server.key");
        }

        Path configFile() {
            return edgeDir.resolve("config").resolve("edgecore.yaml");
        }
    }

    static String render(JoinOptions options, Layout layout, Instant now) {
        return "# KubeEdge edgecore.yaml, written by `bin/kubeedge-j join` at " + now + ".\n"
                + "# EdgeCore reads it through KUBEEDGE_CONFIG; environment variables (MODULES_EDGEHUB_HEARTBEAT=...)\n"
                + "# override it. `bin/kubeedge-j reset` removes it with the certificates and the edge database.\n"
                + "apiVersion: edgecore.config.kubeedge.io/v1alpha2\n"
                + "kind: EdgeCore\n"
                + "modules:\n"
                + "  edged:\n"
                + "    hostnameOverride: " + quote(options.nodeName()) + "\n"
                + "  edgeHub:\n"
                + "    enable: true\n"
                + "    heartbeat: 15\n"
                + "    # CloudCore's certificate service: EdgeCore renews its certificate there at 70-90 % of its life.\n"
                + "    httpServer: " + quote(options.httpServer()) + "\n"
                + "    rotateCertificates: true\n"
                + "    tlsCaFile: " + quote(layout.caFile().toString()) + "\n"
                + "    tlsCertFile: " + quote(layout.certFile().toString()) + "\n"
                + "    tlsPrivateKeyFile: " + quote(layout.keyFile().toString()) + "\n"
                + "    websocket:\n"
                + "      enable: true\n"
                + "      server: " + quote(options.cloudHubServer()) + "\n";
    }

    static void write(JoinOptions options, Layout layout, Instant now) throws IOException {
        Path file = layout.configFile();
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".edgecore", ".tmp");
        try {
            Files.writeString(temp, render(options, layout, now), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A YAML double-quoted scalar (JSON string rules are valid YAML). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

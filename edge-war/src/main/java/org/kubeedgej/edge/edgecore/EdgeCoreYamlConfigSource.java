package org.kubeedgej.edge.edgecore;

import java.nio.file.Path;
import org.kubeedgej.shared.config.KubeEdgeYamlConfigSource;

/**
 * EdgeCore's KubeEdge config file: {@code KUBEEDGE_CONFIG}, else KubeEdge's {@code /etc/kubeedge/config/edgecore.yaml}
 * when it exists. Registered in META-INF/services for MicroProfile Config.
 */
public class EdgeCoreYamlConfigSource extends KubeEdgeYamlConfigSource {

    /** KubeEdge's default place for edgecore's config. */
    public EdgeCoreYamlConfigSource() {
        super(Path.of("/etc/kubeedge/config/edgecore.yaml"));
    }
}

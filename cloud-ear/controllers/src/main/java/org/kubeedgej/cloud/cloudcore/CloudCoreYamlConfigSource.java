package org.kubeedgej.cloud.cloudcore;

import java.nio.file.Path;
import org.kubeedgej.shared.config.KubeEdgeYamlConfigSource;

/**
 * CloudCore's KubeEdge config file: {@code KUBEEDGE_CONFIG}, else KubeEdge's {@code /etc/kubeedge/config/cloudcore.yaml}
 * when it exists. Registered in META-INF/services for MicroProfile Config.
 */
public class CloudCoreYamlConfigSource extends KubeEdgeYamlConfigSource {

    /** KubeEdge's default place for cloudcore's config. */
    public CloudCoreYamlConfigSource() {
        super(Path.of("/etc/kubeedge/config/cloudcore.yaml"));
    }
}

package org.kubeedgej.edge.edgestream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EdgeStreamConfigTest {

    @Test
    void theTunnelIsBesideTheCloudHubInUseAtKubeEdgesOffset() {
        assertEquals("10.0.0.1:10004", EdgeStreamConfig.besideCloudHub("10.0.0.1:10000"), "KubeEdge's defaults");
        assertEquals("127.0.0.1:10014", EdgeStreamConfig.besideCloudHub("127.0.0.1:10010"),
                "a second replica on the same host (up --ha)");
        assertEquals("[::1]:10004", EdgeStreamConfig.besideCloudHub("[::1]:10000"));
        assertEquals("cloudcore.example.com:10004", EdgeStreamConfig.besideCloudHub("cloudcore.example.com"),
                "no port given: KubeEdge's tunnel port");
    }
}

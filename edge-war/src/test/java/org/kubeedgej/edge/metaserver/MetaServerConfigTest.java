package org.kubeedgej.edge.metaserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.metaserver.MetaServerConfig.ServerAddress;

final class MetaServerConfigTest {

    @Test
    void serverIsKubeEdgesHostAndPort() {
        assertEquals(new ServerAddress("127.0.0.1", 10550), ServerAddress.parse("127.0.0.1:10550"));
        assertEquals(new ServerAddress("localhost", 0), ServerAddress.parse("localhost:0"));
        assertEquals(new ServerAddress("::1", 10550), ServerAddress.parse("[::1]:10550"));
    }

    @Test
    void tryToListenBeyondLoopbackOrOnNoPort() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("0.0.0.0:10550"))
                .getMessage().contains("loopback"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("169.254.30.10:10550"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("127.0.0.1:http"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse("127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(null));
    }

    @Test
    void problemNamesTheSetting() {
        MetaServerConfig config = new MetaServerConfig();
        config.server = "10.0.0.1:10550";
        config.maxWatches = 1;
        config.watchTimeoutSeconds = 1;
        config.bookmarkSeconds = 1;
        config.watchCacheSize = 1;
        config.watchQueueSize = 1;
        assertTrue(config.problem().orElseThrow().startsWith("modules.metaManager.metaServer.server=10.0.0.1:10550"));
        config.server = "127.0.0.1:10550";
        assertTrue(config.problem().isEmpty());
        assertEquals(10550, config.settings().port());
        config.maxWatches = 0;
        assertTrue(config.problem().orElseThrow().contains("maxWatches"));
    }
}

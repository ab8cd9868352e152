package org.kubeedgej.cloud.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static BrokerConfig config(boolean embedded, int backupPort) {
        BrokerConfig config = new BrokerConfig();
        config.embedded = embedded;
        config.host = "127.0.0.1";
        config.port = 61616;
        config.backupHost = "127.0.0.1";
        config.backupPort = backupPort;
        return config;
    }

    @Test
    void singleBrokerUrlsAreAsBefore() {
        BrokerConfig embedded = config(true, 0);
        assertEquals("vm://0", embedded.inProcessUrl());
        assertEquals("tcp://127.0.0.1:61616", embedded.url());
        assertEquals("", embedded.failoverParameters());
        BrokerConfig external = config(false, 0);
        assertFalse(external.replicated());
        assertEquals("tcp://127.0.0.1:61616", external.inProcessUrl());
    }

    @Test
    void aBackupPortOnAnExternalBrokerListsBothAndTurnsFailoverOn() {
        BrokerConfig pair = config(false, 61617);
        assertTrue(pair.replicated());
        assertEquals("(tcp://127.0.0.1:61616,tcp://127.0.0.1:61617)", pair.inProcessUrl());
        assertEquals("ha=true&", pair.failoverParameters());
    }

    @Test
    void theEmbeddedBrokerIgnoresABackupPort() {
        BrokerConfig embedded = config(true, 61617);
        assertFalse(embedded.replicated());
        assertEquals("vm://0", embedded.inProcessUrl());
    }
}

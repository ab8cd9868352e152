package org.kubeedgej.edge.eventbus;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real embedded Artemis MQTT broker, as EventBus runs it. */
class MqttClientIdGuardTest {

    private static final String EVENTBUS_ID = "edgecore-n1-sub-1a2b3c4d";

    private final MqttClientIdGuard underTest = new MqttClientIdGuard();
    private EmbeddedActiveMQ broker;
    private String url;

    @BeforeEach
    void startBroker() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        url = "tcp://127.0.0.1:" + port;
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("mqtt", url + "?protocols=MQTT"));
        broker.start();
        broker.getActiveMQServer().getRemotingService().addIncomingInterceptor(underTest);
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.stop();
    }

    @Test
    void anotherClientCannotTakeEventBussIdWhileEventBusHoldsIt() throws Exception {
        MqttClient eventBus = client(EVENTBUS_ID);
        underTest.protect(EVENTBUS_ID, eventBus::isConnected);
        eventBus.connect(options());

        MqttClient intruder = client(EVENTBUS_ID);
        assertThrows(MqttException.class, () -> intruder.connect(options()));
        Thread.sleep(500);
        assertTrue(eventBus.isConnected(), "EventBus keeps its session");
        MqttClient neighbour = client("some-mapper");
        neighbour.connect(options());
        assertTrue(neighbour.isConnected(), "other ids are untouched");
        neighbour.disconnect();

        eventBus.disconnect();
        MqttClient again = client(EVENTBUS_ID);
        again.connect(options());
        assertTrue(again.isConnected(), "a reconnect with the id passes once EventBus's client is not connected");
        again.disconnect();
    }

    private MqttClient client(String id) throws MqttException {
        return new MqttClient(url, id, new MemoryPersistence());
    }

    private static MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setConnectionTimeout(5);
        options.setAutomaticReconnect(false);
        return options;
    }
}

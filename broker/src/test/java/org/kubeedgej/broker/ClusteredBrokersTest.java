package org.kubeedgej.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * Two clustered brokers in real processes: a node's message sent to one reaches the node's consumer on the other,
 * both when the consumer is there first (routed, or moved over once the peer's consumer is known) and when it comes
 * after the message was stored (redistribution).
 */
class ClusteredBrokersTest {

    // Not used by the system tests, bin/kubeedge-j or bench/run-brokers.sh (29700-29721).
    private static final int PORT_A = 29790;
    private static final int PORT_B = 29791;
    private static final long RECEIVE_MILLIS = 30_000;

    @Test
    void nodeMessagesReachTheConsumerOnThePeer(@TempDir Path dir) throws Exception {
        try (BrokerProcess a = BrokerProcess.start("a", BrokerRole.CLUSTERED, PORT_A, PORT_B, dir.resolve("a"));
                BrokerProcess b = BrokerProcess.start("b", BrokerRole.CLUSTERED, PORT_B, PORT_A, dir.resolve("b"))) {
            a.awaitLine(StandaloneBrokerMain.JOINED_LINE, 60);
            b.awaitLine(StandaloneBrokerMain.JOINED_LINE, 60);
            try (ServerLocator onA = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + PORT_A);
                    ServerLocator onB = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + PORT_B);
                    ClientSessionFactory factoryA = onA.createSessionFactory();
                    ClientSessionFactory factoryB = onB.createSessionFactory();
                    ClientSession sessionA = factoryA.createSession(false, true, true);
                    ClientSession sessionB = factoryB.createSession(false, true, true)) {
                sessionB.start();
                String routed = QueueNames.nodeQueue("node-routed");
                try (ClientConsumer consumer = consumer(sessionB, routed)) {
                    send(sessionA, routed, "to the consumer on B");
                    assertBody("to the consumer on B", consumer.receive(RECEIVE_MILLIS));
                }

                // No consumer anywhere: the message stays on A; a consumer on B then draws it over.
                String later = QueueNames.nodeQueue("node-later");
                send(sessionA, later, "stored on A first");
                try (ClientConsumer consumer = consumer(sessionB, later)) {
                    assertBody("stored on A first", consumer.receive(RECEIVE_MILLIS));
                    assertNull(consumer.receive(1000), "delivered once");
                }
            }
        }
    }

    private static ClientConsumer consumer(ClientSession session, String queue) throws Exception {
        ensureQueue(session, queue);
        return session.createConsumer(queue);
    }

    /**
     * As CloudCore's JMS clients do on either side: the node queue is made on first use (the broker adds the
     * node-queue rules), so a message sent before the peer's consumer is known waits in it, not nowhere.
     */
    private static void ensureQueue(ClientSession session, String queue) throws Exception {
        if (!session.queueQuery(SimpleString.of(queue)).isExists()) {
            session.createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setAutoCreated(true)
                    .setDurable(true));
        }
    }

    private static void send(ClientSession session, String queue, String body) throws Exception {
        ensureQueue(session, queue);
        try (ClientProducer producer = session.createProducer(queue)) {
            ClientMessage message = session.createMessage(true);
            message.putStringProperty(QueueNames.LAST_VALUE_KEY, body);
            message.getBodyBuffer().writeString(body);
            producer.send(message);
        }
    }

    private static void assertBody(String expected, ClientMessage message) throws Exception {
        assertNotNull(message, "no message '" + expected + "' within " + RECEIVE_MILLIS + " ms");
        message.acknowledge();
        assertEquals(expected, message.getBodyBuffer().readString());
    }
}

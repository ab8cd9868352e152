package org.kubeedgej.cloud.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.impl.LastValueQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * Node queues start with a small hand-over buffer (it is allocated whole for every node's queue) and still take a
 * burst many times its size, on a real broker configured as CloudCore configures its own.
 */
class NodeQueueBufferTest {

    private static final int BURST = 20 * BrokerConfigurationFactory.NODE_QUEUE_BUFFER_SIZE;

    @TempDir
    Path dir;

    private ActiveMQServer server;
    private ActiveMQConnectionFactory factory;
    private int corePort;

    @BeforeEach
    void start() throws Exception {
        corePort = freePort();
        server = ActiveMQServers.newActiveMQServer(BrokerConfigurationFactory.create("127.0.0.1", corePort, dir,
                false));
        server.start();
        factory = new ActiveMQConnectionFactory(BrokerConfig.IN_VM_URL);
    }

    @AfterEach
    void stop() throws Exception {
        factory.close();
        server.stop();
    }

    @Test
    void aNodeQueueStartsSmallAndDeliversABurstWholeAndInOrder() throws Exception {
        String queueName = QueueNames.nodeQueue("edge-1");
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.Queue queue = session.createQueue(queueName);
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < BURST; i++) {
                TextMessage message = session.createTextMessage("update " + i);
                message.setStringProperty(QueueNames.LAST_VALUE_KEY, "pod-" + i); // distinct: nothing collapses
                producer.send(message);
            }

            Queue created = server.locateQueue(SimpleString.of(queueName));
            assertNotNull(created, "the node queue is created by the first send");
            assertEquals(BrokerConfigurationFactory.NODE_QUEUE_BUFFER_SIZE, created.getInitialQueueBufferSize());

            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            for (int i = 0; i < BURST; i++) {
                TextMessage received = (TextMessage) consumer.receive(10_000);
                assertNotNull(received, "message " + i + " of " + BURST + " arrives");
                assertEquals("update " + i, received.getText());
            }
            assertNull(consumer.receiveNoWait(), "nothing more than was sent");
        }
    }

    @Test
    void otherQueuesKeepArtemisDefault() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(QueueNames.UPSTREAM)).send(session.createTextMessage("up"));
        }
        Queue upstream = server.locateQueue(SimpleString.of(QueueNames.UPSTREAM));
        assertEquals(8192, upstream.getInitialQueueBufferSize(),
                "the one upstream queue takes every edge's messages and keeps the large default");
    }

    /**
     * Deletes carry a last-value key of their own (QueueNames#lastValueKey), so the queue's last-value map gets an entry
     * per delete: it must let go of each once the message is delivered and acknowledged, or a long-running CloudCore
     * keeps every delete it ever sent. Both ways a message reaches a node queue are covered: queued while the node is
     * away, and handed straight to a waiting consumer (Artemis's direct delivery, which a TCP producer's acceptor
     * allows; it skips the map's clean-up, and a benchmark's CloudCore held 225,696 acknowledged messages so).
     */
    @ParameterizedTest(name = "producer over {0}, consumer waiting: {1}")
    @CsvSource({"in-vm, false", "in-vm, true", "tcp, false", "tcp, true"})
    void acknowledgedMessagesLeaveNothingInTheLastValueMap(String transport, boolean consumerFirst) throws Exception {
        String queueName = QueueNames.nodeQueue("edge-" + transport + "-" + consumerFirst);
        int count = 500;
        try (ActiveMQConnectionFactory producerFactory = new ActiveMQConnectionFactory(
                "tcp".equals(transport) ? "tcp://127.0.0.1:" + corePort : BrokerConfig.IN_VM_URL);
                Connection producerConnection = producerFactory.createConnection();
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, ActiveMQJMSConstants.INDIVIDUAL_ACKNOWLEDGE);
            jakarta.jms.Queue queue = session.createQueue(queueName);
            Session producerSession = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = producerSession.createProducer(producerSession.createQueue(queueName));
            MessageConsumer consumer = null;
            if (consumerFirst) {
                producer.send(producerSession.createTextMessage("creates the queue")); // no key: not in the map
                consumer = session.createConsumer(queue);
                connection.start();
                consumer.receive(10_000).acknowledge();
            }
            for (int i = 0; i < count; i++) {
                TextMessage message = producerSession.createTextMessage("delete " + i);
                message.setStringProperty(QueueNames.LAST_VALUE_KEY,
                        QueueNames.lastValueKey("uid-" + i, true, "m" + i));
                producer.send(message);
            }
            if (!consumerFirst) {
                consumer = session.createConsumer(queue);
                connection.start();
            }
            for (int i = 0; i < count; i++) {
                TextMessage received = (TextMessage) consumer.receive(10_000);
                assertNotNull(received, "message " + i + " arrives");
                assertEquals("delete " + i, received.getText());
                received.acknowledge(); // one by one, as CloudHub acknowledges after the edge's ack
            }
            int expected = consumerFirst ? count + 1 : count;
            LastValueQueue created = (LastValueQueue) server.locateQueue(SimpleString.of(queueName));
            // Acknowledgements reach the broker asynchronously: wait (bounded) until it has them all.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (created.getMessagesAcknowledged() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(expected, created.getMessagesAcknowledged(), "every message acknowledged");
            assertEquals(0, created.getMessageCount() + created.getDeliveringCount());
            assertEquals(0, created.getLastValueKeys().size(),
                    "acknowledged messages are not kept by the queue's last-value map");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

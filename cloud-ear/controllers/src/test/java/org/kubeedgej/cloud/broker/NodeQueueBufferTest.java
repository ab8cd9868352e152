package org.kubeedgej.cloud.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Set;
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

    @BeforeEach
    void start() throws Exception {
        server = ActiveMQServers.newActiveMQServer(BrokerConfigurationFactory.create("127.0.0.1", 0, dir, false));
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
     * per delete: it must let go of each once the message is acknowledged, or a long-running CloudCore keeps every
     * delete it ever sent (a profile raised this; this test rules the map out).
     */
    @Test
    void acknowledgedMessagesLeaveNothingInTheLastValueMap() throws Exception {
        String queueName = QueueNames.nodeQueue("edge-2");
        int count = 500;
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, ActiveMQJMSConstants.INDIVIDUAL_ACKNOWLEDGE);
            jakarta.jms.Queue queue = session.createQueue(queueName);
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < count; i++) {
                TextMessage message = session.createTextMessage("delete " + i);
                message.setStringProperty(QueueNames.LAST_VALUE_KEY,
                        QueueNames.lastValueKey("uid-" + i, true, "m" + i));
                producer.send(message);
            }
            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            for (int i = 0; i < count; i++) {
                TextMessage received = (TextMessage) consumer.receive(10_000);
                assertNotNull(received, "message " + i + " arrives");
                received.acknowledge(); // one by one, as CloudHub acknowledges after the edge's ack
            }
            LastValueQueue created = (LastValueQueue) server.locateQueue(SimpleString.of(queueName));
            // Acknowledgements reach the broker asynchronously: wait (bounded) until it has them all.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (created.getMessagesAcknowledged() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(count, created.getMessagesAcknowledged(), "every message acknowledged");
            assertEquals(0, created.getMessageCount() + created.getDeliveringCount());
            assertEquals(Set.of(), created.getLastValueKeys(),
                    "an acknowledged message is not kept by the queue's last-value map");
        }
    }
}

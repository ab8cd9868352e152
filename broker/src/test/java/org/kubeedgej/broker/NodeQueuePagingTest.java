package org.kubeedgej.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.apache.activemq.artemis.core.paging.PagingStore;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * A real broker (this module's configuration, persistence on) with a small node-queue bound: a backlog several
 * times the bound goes to page files rather than the heap, and the node then gets every message, in order.
 */
class NodeQueuePagingTest {

    // Not used by the system tests, the other broker tests or the benchmarks (notes/helper-brief.md).
    private static final int PORT = 29656;
    private static final String NODE = "paging-node";
    private static final int MESSAGES = 2_000;
    private static final int BODY_BYTES = 1_024;
    private static final int COMMIT_EVERY = 100;

    @Test
    void aBacklogBeyondTheBoundPagesAndIsDeliveredWhole(@TempDir Path dir) throws Exception {
        // 2,000 messages of 1 KiB against a 64 KiB bound: some thirty times what the address may hold in heap.
        BrokerOptions options = BrokerOptions.parse(new String[] {"--port=" + PORT, "--data-dir=" + dir,
            "--node-queue-max-size=64k", "--node-queue-page-size=16k", "--global-max-size=8m"}, Map.of());
        ActiveMQServer server = ActiveMQServers.newActiveMQServer(PairConfigurationFactory.create(options), true);
        server.start();
        String address = QueueNames.nodeQueue(NODE);
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + PORT);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(false, false)) {
            // As CloudCore's JMS producer has it made: auto-created, so the node-queue settings (last value) apply.
            session.createQueue(QueueConfiguration.of(address).setRoutingType(RoutingType.ANYCAST)
                    .setAutoCreated(true));
            assertTrue(server.locateQueue(address).isLastValue(), "a node queue, with CloudCore's rules");
            ClientProducer producer = session.createProducer(address);
            for (int seq = 0; seq < MESSAGES; seq++) {
                ClientMessage m = session.createMessage(true);
                m.putIntProperty("seq", seq);
                // Each message a different object: the last-value rule keeps them all.
                m.putStringProperty(QueueNames.LAST_VALUE_KEY, "object-" + seq);
                m.getBodyBuffer().writeBytes(new byte[BODY_BYTES]);
                producer.send(m);
                if (seq % COMMIT_EVERY == COMMIT_EVERY - 1) {
                    session.commit();
                }
            }
            session.commit();

            PagingStore store = server.getPagingManager().getPageStore(SimpleString.of(address));
            assertNotNull(store, "the node queue's address exists");
            assertTrue(store.isPaging(), "the backlog pages to disk");
            assertTrue(store.getNumberOfPages() > 1, "page files written: " + store.getNumberOfPages());
            assertTrue(store.getAddressSize() < MESSAGES * BODY_BYTES / 4,
                    "the heap holds about the bound, not the backlog: " + store.getAddressSize() + " bytes");

            // Read as CloudHub reads a node queue: each message acknowledged on its own, as its edge acks it.
            try (ClientSession reading = factory.createSession(false, true, true);
                    ClientConsumer consumer = reading.createConsumer(address)) {
                reading.start();
                for (int seq = 0; seq < MESSAGES; seq++) {
                    ClientMessage m = consumer.receive(10_000);
                    assertNotNull(m, "message " + seq + " of " + MESSAGES + " was delivered");
                    assertEquals(seq, m.getIntProperty("seq"), "delivered in the order sent");
                    m.individualAcknowledge();
                }
                assertNull(consumer.receiveImmediate(), "nothing delivered twice or left over");
            }
            // The acknowledgements (sent without waiting) and the page counters behind the count are settled by
            // the broker's own threads: wait (bounded) for the count to reach zero before checking it.
            Queue queue = server.locateQueue(address);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (queue.getMessageCount() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, queue.getMessageCount(), "the queue is empty");
        } finally {
            server.stop();
        }
    }
}

package org.kubeedgej.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSConstants;

/**
 * The replica that holds the nodes' sessions, as CloudHub reads node queues (ArtemisNodeQueues): one session per
 * node with individual acknowledgement and a listener, spread over four connections. A connection lost for good
 * is made again on the next broker of the list and its nodes subscribed again; when that happened is kept.
 */
final class NodeQueueReceivers implements AutoCloseable {

    private static final int CONNECTIONS = 4;
    private static final long RECONNECT_SECONDS = 120;

    private final List<String> urls;
    private final int nodes;
    private final DeliveryLedger ledger;
    private final ListFailoverConnection[] connections = new ListFailoverConnection[CONNECTIONS];
    private final ExecutorService reconnector = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "node-queue-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Long> resubscribedAt = new ArrayList<>();
    private volatile boolean closed;

    NodeQueueReceivers(List<String> urls, int nodes, DeliveryLedger ledger) {
        this.urls = urls;
        this.nodes = nodes;
        this.ledger = ledger;
    }

    void start() throws JMSException, InterruptedException {
        for (int slot = 0; slot < CONNECTIONS; slot++) {
            int s = slot;
            connections[slot] = new ListFailoverConnection(urls, c -> {
                if (!closed) {
                    System.out.printf("%s node queue connection %d lost for good%n", Instant.now(), s);
                    reconnector.submit(() -> resubscribe(s));
                }
            });
            subscribe(slot);
        }
    }

    private void subscribe(int slot) throws JMSException, InterruptedException {
        Connection connection = connections[slot].connect(RECONNECT_SECONDS);
        for (int node = slot; node < nodes; node += CONNECTIONS) {
            Session session = connection.createSession(false, ActiveMQJMSConstants.INDIVIDUAL_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("kubeedge.node.bench-node-" + node));
            consumer.setMessageListener(this::receive);
        }
        connection.start();
    }

    private void receive(Message message) {
        long now = System.nanoTime();
        try {
            ledger.received(message.getIntProperty("benchSeq"), now);
            message.acknowledge();
        } catch (JMSException e) {
            // A late acknowledgement on a broken session: the broker delivers the message again (a duplicate).
        }
    }

    private void resubscribe(int slot) {
        try {
            subscribe(slot);
            synchronized (resubscribedAt) {
                resubscribedAt.add(System.nanoTime());
            }
            System.out.printf("%s node queue connection %d made again, its nodes subscribed%n", Instant.now(), slot);
        } catch (JMSException e) {
            System.err.println("node queue connection " + slot + " not made again: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return when connections were made again on another broker (nanoTime), in order */
    List<Long> resubscribedAt() {
        synchronized (resubscribedAt) {
            return new ArrayList<>(resubscribedAt);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reconnector.shutdownNow();
        reconnector.awaitTermination(5, TimeUnit.SECONDS);
        for (ListFailoverConnection connection : connections) {
            if (connection != null) {
                connection.close();
            }
        }
    }
}

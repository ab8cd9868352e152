package org.kubeedgej.bench;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One controller thread of the replica that queues: durable pod updates on {@code kubeedge.node.<node>} with the
 * properties JmsDownstreamQueue sets (a unique last-value key, so the broker collapses none), each send waiting
 * for the broker's acknowledgement as the controllers' sends do. Thread t of T sends to nodes t, t+T, ... only, so
 * each node's messages have one order. A failed send is tried again (as a controller's caller retries) until a
 * broker takes it.
 */
final class NodeQueueSender implements Runnable {

    private static final long RETRY_PAUSE_MILLIS = 100;
    private static final long RECONNECT_SECONDS = 120;

    private final ListFailoverConnection connection;
    private final DeliveryLedger ledger;
    private final int[] nodes;
    private final int ratePerSecond;
    private final BooleanSupplier stop;
    private Session session;
    private MessageProducer producer;
    private Queue[] queues;

    /**
     * @param urls the producer's URLs (BrokerTopology)
     * @param thread this thread's index
     * @param threads how many send
     * @param nodeCount nodes in all
     * @param ratePerSecond this thread's messages per second, 0 for as fast as acknowledgements come
     * @param stop when to end (checked before each message)
     */
    NodeQueueSender(List<String> urls, DeliveryLedger ledger, int thread, int threads, int nodeCount,
            int ratePerSecond, BooleanSupplier stop) throws JMSException, InterruptedException {
        this.connection = new ListFailoverConnection(urls, c -> { });
        this.ledger = ledger;
        this.nodes = new int[(nodeCount - thread + threads - 1) / threads];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = thread + i * threads;
        }
        this.ratePerSecond = ratePerSecond;
        this.stop = stop;
        open();
    }

    private void open() throws JMSException, InterruptedException {
        Connection fresh = connection.connect(RECONNECT_SECONDS);
        session = fresh.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        queues = new Queue[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            queues[i] = session.createQueue("kubeedge.node.bench-node-" + nodes[i]);
        }
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        try {
            for (long k = 0; !stop.getAsBoolean(); k++) {
                if (ratePerSecond > 0) {
                    long wait = start + k * 1_000_000_000L / ratePerSecond - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                int slot = (int) (k % nodes.length);
                int seq = ledger.begin(nodes[slot], System.nanoTime());
                if (seq < 0) {
                    return;
                }
                sendUntilTaken(seq, slot, k / nodes.length);
                ledger.acked(seq, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close();
        }
    }

    private void sendUntilTaken(int seq, int slot, long version) throws InterruptedException {
        String node = "bench-node-" + nodes[slot];
        String pod = "p" + version % DownstreamProducer.PODS_PER_NODE;
        String uid = UUID.nameUUIDFromBytes((node + "/" + pod).getBytes(StandardCharsets.UTF_8)).toString();
        while (true) {
            try {
                String msgId = UUID.randomUUID().toString();
                TextMessage message = session.createTextMessage(KubeEdgeMessages.podUpdate(msgId,
                        System.currentTimeMillis(), pod, uid, String.valueOf(seq), node));
                message.setStringProperty("_AMQ_LVQ_NAME", msgId);
                message.setStringProperty("kubeedgeNodeId", node);
                message.setStringProperty("kubeedgeObjectUid", uid);
                message.setStringProperty("kubeedgeOperation", "update");
                message.setIntProperty("benchSeq", seq);
                producer.send(queues[slot], message);
                return;
            } catch (JMSException | RuntimeException e) {
                ledger.failedAttempt();
                TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MILLIS);
                if (connection.lost()) {
                    reopen();
                }
            }
        }
    }

    private void reopen() throws InterruptedException {
        try {
            open();
        } catch (JMSException e) {
            // The next attempt fails too and comes back here.
        }
    }
}

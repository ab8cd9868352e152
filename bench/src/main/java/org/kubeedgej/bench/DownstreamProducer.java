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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Plays the controllers' side of downstream delivery: persistent KubeEdge messages on {@code kubeedge.node.<node>}
 * with the properties {@code JmsDownstreamQueue} sets, round-robin over the nodes at a fixed rate. Each message
 * has its own last-value key, so the broker collapses none of them. Sends do not wait for the broker's
 * confirmation (blockOnDurableSend=false), so the producer keeps its schedule and CloudHub is what is measured.
 */
final class DownstreamProducer implements AutoCloseable {

    /** Pods per node that the updates go round. */
    static final int PODS_PER_NODE = 10;

    private final AtomicLong resourceVersion = new AtomicLong();
    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;

    DownstreamProducer(int brokerPort) throws JMSException {
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort
                + "?blockOnDurableSend=false&reconnectAttempts=0");
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        connection.start();
    }

    /**
     * Sends {@code rate * seconds} messages, message k at start + k / rate.
     *
     * @param edges the nodes, in turn
     * @param rate messages per second
     * @param seconds how long
     * @param tracker where each message is registered before it is sent
     * @param window the run the messages count in
     */
    void run(List<SimulatedEdge> edges, int rate, int seconds, DeliveryTracker tracker, DeliveryWindow window)
            throws JMSException {
        Queue[] queues = new Queue[edges.size()];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = session.createQueue("kubeedge.node." + edges.get(i).nodeId());
        }
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        for (long k = 0; k < total; k++) {
            long due = start + k * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = (int) (k % queues.length);
            // Updates of a few pods per node, as a controller sends them: each message carries a newer
            // resourceVersion of one of PODS_PER_NODE pods, so ObjectSync records are updated, not created anew.
            String nodeId = edges.get(n).nodeId();
            String pod = "p" + (k / queues.length) % PODS_PER_NODE;
            String uid = UUID.nameUUIDFromBytes((nodeId + "/" + pod).getBytes(StandardCharsets.UTF_8)).toString();
            String msgId = UUID.randomUUID().toString();
            long now = System.currentTimeMillis();
            TextMessage message = session.createTextMessage(KubeEdgeMessages.podUpdate(msgId, now, pod, uid,
                    String.valueOf(resourceVersion.incrementAndGet()), nodeId));
            message.setStringProperty("_AMQ_LVQ_NAME", msgId);
            message.setStringProperty("kubeedgeNodeId", edges.get(n).nodeId());
            message.setStringProperty("kubeedgeObjectUid", uid);
            message.setStringProperty("kubeedgeOperation", "update");
            tracker.register(msgId, window);
            producer.send(queues[n], message);
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
        factory.close();
    }
}

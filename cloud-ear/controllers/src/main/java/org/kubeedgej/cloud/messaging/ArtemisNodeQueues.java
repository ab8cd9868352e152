package org.kubeedgej.cloud.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSConstants;
import org.apache.activemq.artemis.core.client.impl.ClientSessionImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.kubeedgej.cloud.broker.BrokerConfig;
import org.kubeedgej.cloud.broker.BrokerStopping;

/**
 * {@link NodeQueues} on Artemis, with the plain JMS client (not the resource adapter): the container's
 * connections do not allow asynchronous listeners or acknowledging single messages, and CloudHub needs both to
 * keep many nodes' deliveries in flight without a thread each. With the embedded broker it connects in-VM, so
 * deliveries and acks cross no socket.
 */
@ApplicationScoped
public class ArtemisNodeQueues implements NodeQueues {

    private static final Logger LOG = Logger.getLogger(ArtemisNodeQueues.class.getName());
    private static final int CONSUMER_WINDOW_BYTES = 64 * 1024;

    @Inject
    BrokerConfig broker;

    /**
     * Node sessions are spread over a few connections: each connection hands its packets over one ordered thread
     * on either side, which under load made every node's deliveries and acks wait for all the others'.
     */
    private static final int CONNECTIONS = 4;

    static final int CALL_FAILOVER_TIMEOUT_MILLIS = 5000;
    static final int CALL_TIMEOUT_MILLIS = 10_000;

    private ActiveMQConnectionFactory factory;
    private final Connection[] connections = new Connection[CONNECTIONS];

    private boolean closed;

    private synchronized Connection connection(String nodeId) throws JMSException {
        if (closed) {
            throw new JMSException("CloudCore is stopping: its node queue connections are closed");
        }
        if (factory == null) {
            // Retry forever: a broker restart must not end deliveries for good.
            factory = new ActiveMQConnectionFactory(broker.inProcessUrl() + "?" + broker.failoverParameters()
                    + "reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=2&maxRetryInterval=5000"
                    // A small read-ahead per node: a paused node's backlog waits on the broker (where last-value
                    // replacement still applies), not in CloudCore's heap.
                    + "&consumerWindowSize=" + CONSUMER_WINDOW_BYTES
                    // A blocking call (a node's subscribe or close) waits at most this long for a reconnect or a
                    // failover to finish (a pair's backup takes over in about a second), then at most callTimeout for
                    // the broker's answer. Artemis's defaults, 30 s each, held the thread of every edge that
                    // disconnected while the broker was away, and CloudCore's stop with it (Liberty's quiesce is 30 s).
                    + "&callFailoverTimeout=" + CALL_FAILOVER_TIMEOUT_MILLIS + "&callTimeout=" + CALL_TIMEOUT_MILLIS);
        }
        int slot = Math.floorMod(nodeId.hashCode(), CONNECTIONS);
        if (connections[slot] == null) {
            Connection fresh = factory.createConnection();
            fresh.setExceptionListener(e -> LOG.warning(() -> "connection to the broker at " + broker.inProcessUrl()
                    + " failed: " + e.getMessage() + "; node deliveries resume when it is back"));
            fresh.start();
            connections[slot] = fresh;
        }
        return connections[slot];
    }

    @Override
    public Subscription subscribe(String nodeId, Receiver receiver) {
        try {
            Session session = connection(nodeId).createSession(false, ActiveMQJMSConstants.INDIVIDUAL_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QueueNames.nodeQueue(nodeId)));
            consumer.setMessageListener(message -> {
                try {
                    receiver.receive(((TextMessage) message).getText(), () -> acknowledge(nodeId, message));
                } catch (JMSException | ClassCastException e) {
                    LOG.severe(() -> "unreadable message on the queue of node " + nodeId + " skipped: " + e);
                    acknowledge(nodeId, message);
                }
            });
            return new ArtemisSubscription(nodeId, session);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read the queue of node " + nodeId + " on the broker at "
                    + broker.url() + ": " + e.getMessage() + "; check modules.cloudHub.broker.*", e);
        }
    }

    private static void acknowledge(String nodeId, jakarta.jms.Message message) {
        try {
            message.acknowledge();
        } catch (JMSException e) {
            // The session closed first (node gone): the message is redelivered on the next connection.
            LOG.log(Level.FINE, "late acknowledgement for node " + nodeId + " ignored", e);
        }
    }

    /** The embedded broker is about to stop: close while it still answers (IF_EXISTS: never created just for this). */
    void closeBeforeBrokerStops(@Observes(notifyObserver = Reception.IF_EXISTS) BrokerStopping stopping) {
        LOG.fine(() -> "closing the node queue connections before the broker at " + stopping.url() + " stops");
        close();
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        List<AutoCloseable> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            if (connections[i] != null) {
                clients.add(connections[i]::close);
                connections[i] = null;
            }
        }
        if (factory != null) {
            clients.add(factory::close);
        }
        BoundedConnectionClose.close("node queue connections", broker.inProcessUrl(), clients,
                BoundedConnectionClose.DEFAULT_BOUND);
    }

    private record ArtemisSubscription(String nodeId, Session session) implements Subscription {

        @Override
        public void pause() {
            try {
                // Artemis's own session stop (JMS has none per session), without waiting for the listener's
                // current message: stop() waits for everything already handed to the session's executor, which
                // held up the pauses and resumes of every other node behind it.
                ((ClientSessionImpl) ((ActiveMQSession) session).getCoreSession()).stop(false);
            } catch (ActiveMQException e) {
                LOG.warning(() -> "cannot pause the queue of node " + nodeId + ": " + e.getMessage());
            }
        }

        @Override
        public void resume() {
            try {
                ((ActiveMQSession) session).getCoreSession().start();
            } catch (ActiveMQException e) {
                LOG.warning(() -> "cannot resume the queue of node " + nodeId + ": " + e.getMessage()
                        + "; it resumes when the node reconnects");
            }
        }

        @Override
        public void recover() {
            try {
                session.recover();
            } catch (JMSException e) {
                LOG.warning(() -> "cannot return unacknowledged messages of node " + nodeId + ": " + e.getMessage());
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (JMSException e) {
                LOG.fine(() -> "closing the queue session of node " + nodeId + ": " + e);
            }
        }
    }
}

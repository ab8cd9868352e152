package org.kubeedgej.cloud.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.kubeedgej.cloud.broker.BrokerConfig;
import org.kubeedgej.cloud.broker.BrokerStopping;

/**
 * {@link SessionClaims} on the Artemis topic {@link QueueNames#SESSION_CLAIMS}: non-persistent messages with three
 * properties, a non-durable subscription per replica. A claim matters only while both sessions are open, so
 * nothing is kept for a replica that is down; one that comes back has no sessions to close. Claims are sent by one
 * thread of their own from a bounded queue: a send waits while the broker is away, and a node's connect must not.
 */
@ApplicationScoped
public class ArtemisSessionClaims implements SessionClaims {

    private static final Logger LOG = Logger.getLogger(ArtemisSessionClaims.class.getName());
    private static final String NODE = "node";
    private static final String REPLICA = "replica";
    private static final String CONNECTED_AT = "connectedAtMillis";

    @Inject
    BrokerConfig broker;

    /** Claims waiting to be sent; past this many (the broker away during a reconnect storm) new ones are dropped. */
    static final int PENDING_LIMIT = 10_000;

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<SessionClaim> pending = new LinkedBlockingQueue<>(PENDING_LIMIT);
    private volatile boolean stopped;
    private Thread sender;
    private ActiveMQConnectionFactory factory;
    private Connection connection;
    private Session sending;
    private MessageProducer producer;

    private synchronized Connection connection() throws JMSException {
        if (connection == null) {
            // Short call timeouts: at CloudCore's stop the embedded broker may be gone before this bean, and a close
            // then waited out the default 30 s while reconnecting, holding up the whole server's stop.
            factory = new ActiveMQConnectionFactory(broker.inProcessUrl() + "?" + broker.failoverParameters()
                    + "reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=2&maxRetryInterval=5000"
                    + "&callTimeout=2000&callFailoverTimeout=2000");
            Connection fresh = factory.createConnection();
            fresh.setExceptionListener(e -> LOG.warning(() -> "session claims: the broker at " + broker.url()
                    + " failed: " + e.getMessage() + "; claims resume when it is back"));
            fresh.start();
            connection = fresh;
        }
        return connection;
    }

    @Override
    public void announce(SessionClaim claim) {
        startSender();
        if (!pending.offer(claim)) {
            LOG.warning(() -> "session claims: " + PENDING_LIMIT + " claims wait for the broker; the one for edge node "
                    + claim.nodeId() + " is dropped (an older session of it elsewhere ends by its keepalive)");
        }
    }

    private synchronized void startSender() {
        if (sender == null) {
            sender = threads.newThread(this::sendPending);
            sender.setName("cloudhub-session-claims");
            sender.start();
        }
    }

    private void sendPending() {
        while (!stopped) {
            SessionClaim claim;
            try {
                claim = pending.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (claim != null) {
                send(claim);
            }
        }
    }

    private void send(SessionClaim claim) {
        try {
            if (producer == null) {
                sending = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                producer = sending.createProducer(sending.createTopic(QueueNames.SESSION_CLAIMS));
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            }
            Message message = sending.createMessage();
            message.setStringProperty(NODE, claim.nodeId());
            message.setStringProperty(REPLICA, claim.replicaId());
            message.setLongProperty(CONNECTED_AT, claim.connectedAt().toEpochMilli());
            producer.send(message);
        } catch (JMSException | RuntimeException e) {
            LOG.warning(() -> "session claims: cannot tell the other replicas that edge node " + claim.nodeId()
                    + " connected here: " + e.getMessage() + "; an older session of it elsewhere stays open until"
                    + " its keepalive ends it");
        }
    }

    @Override
    public AutoCloseable listen(Consumer<SessionClaim> receiver) {
        try {
            Session session = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic(QueueNames.SESSION_CLAIMS));
            consumer.setMessageListener(message -> {
                try {
                    receiver.accept(new SessionClaim(message.getStringProperty(NODE),
                            message.getStringProperty(REPLICA),
                            Instant.ofEpochMilli(message.getLongProperty(CONNECTED_AT))));
                } catch (JMSException | RuntimeException e) {
                    LOG.warning(() -> "session claims: an unreadable claim was skipped: " + e);
                }
            });
            return () -> BoundedConnectionClose.close("session claims subscription", broker.url(),
                    List.of(session::close), BoundedConnectionClose.DEFAULT_BOUND);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot hear other replicas' session claims on the broker at "
                    + broker.url() + ": " + e.getMessage() + "; check modules.cloudHub.broker.*", e);
        }
    }

    /** The embedded broker is about to stop: close while it still answers (IF_EXISTS: never created just for this). */
    void closeBeforeBrokerStops(@Observes(notifyObserver = Reception.IF_EXISTS) BrokerStopping stopping) {
        LOG.fine(() -> "closing the session claims connections before the broker at " + stopping.url() + " stops");
        close();
    }

    @PreDestroy
    synchronized void close() {
        stopped = true;
        List<AutoCloseable> clients = new ArrayList<>();
        if (connection != null) {
            clients.add(connection::close);
        }
        if (factory != null) {
            clients.add(factory::close);
        }
        BoundedConnectionClose.close("session claims connection", broker.url(), clients,
                BoundedConnectionClose.DEFAULT_BOUND);
    }
}

package org.kubeedgej.cloud.messaging;

import jakarta.ejb.MessageDriven;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Consumes {@code kubeedge.upstream} and fires {@link UpstreamMessageReceived} for the controllers. The
 * destination, one consumer (order matters) and the retry settings are in server.xml's jmsActivationSpec
 * {@code cloudcore/controllers/UpstreamListener}.
 *
 * <p>Any failure is rethrown: the container rolls the delivery back, the broker redelivers, and after five
 * attempts the message goes to the DLQ instead of blocking the queue.
 */
@MessageDriven(name = "UpstreamListener")
public class UpstreamListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(UpstreamListener.class.getName());
    /** Nodes that have sent something upstream, shared by the MDB's instances; one entry per node. */
    private static final Set<String> NODES_HEARD_FROM = ConcurrentHashMap.newKeySet();

    @Inject
    Event<UpstreamMessageReceived> received;

    @Override
    public void onMessage(Message message) {
        try {
            UpstreamMessageReceived event = decode(message);
            // INFO once per node, FINE after: under load an INFO line per message drowns everything else.
            if (NODES_HEARD_FROM.add(event.nodeId())) {
                LOG.info(() -> "first upstream message from node " + event.nodeId() + " received ("
                        + event.messageJson().length() + " chars); later ones are logged at FINE");
            } else {
                LOG.fine(() -> "upstream message from node " + event.nodeId() + " received ("
                        + event.messageJson().length() + " chars)");
            }
            received.fire(event);
        } catch (RuntimeException e) {
            LOG.warning(() -> "upstream message rejected on delivery attempt " + deliveryCount(message)
                    + " (the broker moves it to the DLQ after the fifth): " + e.getMessage());
            throw e;
        }
    }

    private static String deliveryCount(Message message) {
        try {
            return String.valueOf(message.getIntProperty("JMSXDeliveryCount"));
        } catch (JMSException | RuntimeException e) {
            return "?";
        }
    }

    private static UpstreamMessageReceived decode(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                throw new IllegalArgumentException("upstream message " + message.getJMSMessageID() + " is a "
                        + message.getClass().getSimpleName() + ", not a TextMessage: CloudHub must send the KubeEdge"
                        + " JSON as text");
            }
            String nodeId = text.getStringProperty(QueueNames.NODE_ID);
            if (nodeId == null || nodeId.isBlank()) {
                throw new IllegalArgumentException("upstream message " + message.getJMSMessageID() + " has no "
                        + QueueNames.NODE_ID + " property: the sender must name the node it came from");
            }
            String json = text.getText();
            if (json == null || json.isBlank()) {
                throw new IllegalArgumentException("upstream message " + message.getJMSMessageID() + " from node "
                        + nodeId + " has an empty body");
            }
            return new UpstreamMessageReceived(nodeId, json);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read an upstream message: " + e.getMessage(), e);
        }
    }
}

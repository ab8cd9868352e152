package org.kubeedgej.cloud.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@link DownstreamQueue} on JMS: a persistent text message on {@code kubeedge.node.<node>}, which the broker
 * creates on first use as a last-value queue. Sends go through the resource adapter's pooled connections and
 * join the caller's JTA transaction when there is one (rolled back means never delivered).
 */
@ApplicationScoped
public class JmsDownstreamQueue implements DownstreamQueue {

    private static final Logger LOG = Logger.getLogger(JmsDownstreamQueue.class.getName());

    @Resource(lookup = "jms/kubeedge")
    ConnectionFactory connectionFactory;

    @Override
    public void send(String nodeId, String objectUid, boolean isDelete, String messageJson) {
        String queue = QueueNames.nodeQueue(nodeId);
        if (objectUid == null || objectUid.isBlank()) {
            throw new IllegalArgumentException("no object UID for a message to node " + nodeId + ": the UID is the"
                    + " last-value key, so every downstream message must name its object");
        }
        // A fresh id rather than the KubeEdge msg_id: the key only has to be unique, and the body stays opaque here.
        String key = QueueNames.lastValueKey(objectUid, isDelete, UUID.randomUUID().toString());
        try (JMSContext context = connectionFactory.createContext()) {
            TextMessage message = context.createTextMessage(messageJson);
            message.setStringProperty(QueueNames.LAST_VALUE_KEY, key);
            message.setStringProperty(QueueNames.NODE_ID, nodeId);
            message.setStringProperty(QueueNames.OBJECT_UID, objectUid);
            message.setStringProperty(QueueNames.OPERATION, isDelete ? "delete" : "update");
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(queue), message);
        } catch (JMSException | JMSRuntimeException e) {
            throw new IllegalStateException("cannot queue a message about object " + objectUid + " for node "
                    + nodeId + " on " + queue + ": " + e.getMessage() + "; check the jms-broker readiness check", e);
        }
        LOG.fine(() -> "queued " + (isDelete ? "delete" : "update") + " of " + objectUid + " for node " + nodeId);
    }
}

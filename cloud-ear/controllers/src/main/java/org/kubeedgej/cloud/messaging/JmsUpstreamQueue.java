package org.kubeedgej.cloud.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

/** {@link UpstreamQueue} on JMS through the resource adapter: a persistent text message naming its node. */
@ApplicationScoped
public class JmsUpstreamQueue implements UpstreamQueue {

    @Resource(lookup = "jms/kubeedge")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/upstream")
    Queue upstream;

    @Override
    public void send(String nodeId, String messageJson) {
        try (JMSContext context = connectionFactory.createContext()) {
            TextMessage message = context.createTextMessage(messageJson);
            message.setStringProperty(QueueNames.NODE_ID, nodeId);
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(upstream, message);
        } catch (JMSException | JMSRuntimeException e) {
            throw new IllegalStateException("cannot queue a message from node " + nodeId + " on "
                    + QueueNames.UPSTREAM + ": " + e.getMessage() + "; check the jms-broker readiness check", e);
        }
    }
}

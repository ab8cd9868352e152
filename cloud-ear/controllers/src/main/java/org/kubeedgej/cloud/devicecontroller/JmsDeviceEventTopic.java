package org.kubeedgej.cloud.devicecontroller;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.logging.Logger;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * Publishes device events on the JMS topic {@value #ADDRESS} (Artemis multicast address; jms/deviceEvents in
 * server.xml) for consumers outside CloudCore, durable subscribers included. Persistent messages. Published once
 * the upstream transaction has committed (AFTER_SUCCESS): a rolled-back, redelivered edge message does not publish
 * twice, and the publish is not a second XA resource in that transaction (the benchmark showed the two-phase
 * commit costing ~100 ms per upstream message). Headers carry what consumers filter on with selectors.
 */
@ApplicationScoped
public class JmsDeviceEventTopic {

    /** The topic's address on the broker. */
    public static final String ADDRESS = QueueNames.DEVICE_EVENTS;
    static final String TYPE = "eventType";
    static final String NODE = "nodeName";
    static final String NAMESPACE = "deviceNamespace";
    static final String NAME = "deviceName";

    private static final Logger LOG = Logger.getLogger(JmsDeviceEventTopic.class.getName());

    @Resource(lookup = "jms/kubeedge")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "jms/deviceEvents")
    Topic topic;

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceEvent event) {
        try (JMSContext context = connectionFactory.createContext()) {
            TextMessage message = context.createTextMessage(event.toJson(System.currentTimeMillis()).toString());
            message.setStringProperty(TYPE, event.type());
            message.setStringProperty(NODE, event.nodeName());
            message.setStringProperty(NAMESPACE, event.namespace());
            message.setStringProperty(NAME, event.name());
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(topic, message);
            LOG.fine(() -> "device event " + event.type() + " of " + event.deviceId() + " on edge node "
                    + event.nodeName() + " published on " + ADDRESS);
        } catch (JMSException | JMSRuntimeException e) {
            // The device state itself is written already; a lost event is logged, not retried.
            LOG.warning(() -> "cannot publish device event " + event.type() + " of " + event.deviceId() + " (edge"
                    + " node " + event.nodeName() + ") on " + ADDRESS + ": " + e.getMessage()
                    + "; check the jms-broker readiness check");
        }
    }
}

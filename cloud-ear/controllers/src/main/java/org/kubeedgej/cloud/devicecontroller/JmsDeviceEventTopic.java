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
 * commit costing ~100 ms per upstream message). Headers carry what consumers filter on with selectors, and the
 * event's id twice: as {@value #EVENT_ID} for subscribers, and as Artemis's duplicate-detection id, so the broker
 * drops a second send of the same event (its id cache is kept in the journal, across restarts).
 */
@ApplicationScoped
public class JmsDeviceEventTopic {

    /** The topic's address on the broker. */
    public static final String ADDRESS = QueueNames.DEVICE_EVENTS;
    static final String TYPE = "eventType";
    static final String NODE = "nodeName";
    static final String NAMESPACE = "deviceNamespace";
    static final String NAME = "deviceName";
    static final String EVENT_ID = "eventId";
    /** {@code _AMQ_DUPL_ID}: Artemis ignores a message whose id it has seen on the address before. */
    static final String DUPLICATE_ID = org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID
            .toString();

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
            message.setStringProperty(EVENT_ID, event.eventId());
            message.setStringProperty(DUPLICATE_ID, event.eventId());
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(topic, message);
            LOG.fine(() -> "device event " + event.eventId() + " (" + event.type() + ") of " + event.deviceId()
                    + " on edge node " + event.nodeName() + " published on " + ADDRESS);
        } catch (JMSException | JMSRuntimeException e) {
            // The device state itself is written already; a lost event is logged, not retried.
            LOG.warning(() -> "cannot publish device event " + event.type() + " of " + event.deviceId() + " (edge"
                    + " node " + event.nodeName() + ") on " + ADDRESS + ": " + e.getMessage()
                    + "; check the jms-broker readiness check");
        }
    }
}

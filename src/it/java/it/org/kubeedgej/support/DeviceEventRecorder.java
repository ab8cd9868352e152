package it.org.kubeedgej.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A durable subscriber on CloudCore's device event topic, connected as docs/device-events.md tells a subscriber to
 * (fixed client id, durable consumer, URL options to reconnect across CloudCore restarts, acknowledge after
 * handling). It records every delivery, duplicates included, so the test can judge them.
 */
public final class DeviceEventRecorder implements AutoCloseable {

    /** One delivery: the event's id, type, device and (for twin events) the reported value of the property. */
    public record Delivery(String eventId, String type, String device, String value, boolean redelivered,
            String body) {
    }

    private static final String TOPIC = "kubeedge.device.events";

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final String clientId;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<String> connectionFailures = new ArrayList<>();

    private DeviceEventRecorder(ActiveMQConnectionFactory factory, Connection connection, String clientId) {
        this.factory = factory;
        this.connection = connection;
        this.clientId = clientId;
    }

    /**
     * @param brokerPort CloudCore's broker CORE port
     * @param clientId the subscriber's fixed client id
     * @param property the twin whose value each twin event is read for
     * @return a started subscriber
     */
    public static DeviceEventRecorder subscribe(int brokerPort, String clientId, String property)
            throws JMSException {
        return subscribe("tcp://127.0.0.1:" + brokerPort + "?", clientId, property);
    }

    /**
     * @param brokerUrl a CORE URL ending where parameters go ({@code ?} or {@code &}), e.g. a replicated pair's
     *     {@code (tcp://..,tcp://..)?ha=true&}
     * @param clientId the subscriber's fixed client id
     * @param property the twin whose value each twin event is read for
     * @return a started subscriber
     */
    public static DeviceEventRecorder subscribe(String brokerUrl, String clientId, String property)
            throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl
                + "reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000"
                + "&initialConnectAttempts=-1");
        Connection connection = factory.createConnection();
        DeviceEventRecorder recorder = new DeviceEventRecorder(factory, connection, clientId);
        connection.setClientID(clientId);
        connection.setExceptionListener(e -> recorder.failed(e.toString()));
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createDurableConsumer(session.createTopic(TOPIC), clientId);
        consumer.setMessageListener(m -> recorder.handle(m, property));
        connection.start();
        return recorder;
    }

    private void handle(Message message, String property) {
        try {
            String body = ((TextMessage) message).getText();
            JsonObject event = Http.json(body);
            String value = null;
            JsonObject data = event.getJsonObject("data");
            if (data != null && data.containsKey("twins")) {
                value = data.getJsonObject("twins").getString(property, null);
            }
            synchronized (this) {
                deliveries.add(new Delivery(message.getStringProperty("eventId"),
                        message.getStringProperty("eventType"), message.getStringProperty("deviceName"), value,
                        message.getJMSRedelivered(), body));
            }
            // After handling, as the docs ask: a crash before this line redelivers the event.
            message.acknowledge();
        } catch (JMSException | RuntimeException e) {
            failed("cannot handle a device event: " + e);
        }
    }

    private synchronized void failed(String what) {
        connectionFailures.add(what);
    }

    /** @return every delivery so far, in arrival order */
    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** @return what the connection's exception listener or the handler reported */
    public synchronized List<String> failures() {
        return List.copyOf(connectionFailures);
    }

    /**
     * Waits (bounded, 30 s) for the final value's event, then 3 s more for stragglers, and judges what came.
     *
     * @param device the device reported
     * @param finalValue the last value the mapper had confirmed
     * @return the verdict on every delivery so far
     */
    public DeviceEventVerdict awaitVerdict(String device, long finalValue) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && deliveries().stream()
                .noneMatch(d -> String.valueOf(finalValue).equals(d.value()))) {
            Http.pause(java.time.Duration.ofMillis(500));
        }
        Http.pause(java.time.Duration.ofSeconds(3));
        return new DeviceEventVerdict(deliveries(), device, finalValue);
    }

    /** Closes the connection and removes the durable subscription, so events stop piling up in the journal. */
    @Override
    public void close() throws JMSException {
        try {
            connection.close();
            try (Connection c = factory.createConnection()) {
                c.setClientID(clientId);
                c.createSession(false, Session.AUTO_ACKNOWLEDGE).unsubscribe(clientId);
            }
        } finally {
            factory.close();
        }
    }
}

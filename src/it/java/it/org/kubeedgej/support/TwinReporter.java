package it.org.kubeedgej.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A mapper reporting one int twin of one device on edgecore's MQTT broker, as a real mapper would: when the broker
 * is gone (edgecore killed) a report fails and the next one connects again with a fresh client, so nothing of an
 * earlier connection is resent later.
 */
public final class TwinReporter implements AutoCloseable {

    private final String brokerUrl;
    private final String topic;
    private final String property;
    private final BlockingQueue<String> results = new LinkedBlockingQueue<>();
    private MqttClient client;

    /**
     * @param mqttPort edgecore's MQTT port on 127.0.0.1
     * @param device the device's name in namespace default
     * @param property the twin to report
     */
    public TwinReporter(int mqttPort, String device, String property) {
        this.brokerUrl = "tcp://127.0.0.1:" + mqttPort;
        this.topic = "$hw/events/device/default/" + device + "/twin/update";
        this.property = property;
    }

    /**
     * Reports a value and waits for edgecore's answer.
     *
     * @return true when edgecore answered the report without an error code
     */
    public synchronized boolean report(long value, long waitMillis) throws InterruptedException {
        if (!connected()) {
            return false;
        }
        String eventId = "count-" + value;
        String payload = "{\"event_id\":\"" + eventId + "\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"twin\":{\"" + property + "\":{\"actual\":{\"value\":\"" + value
                + "\"},\"metadata\":{\"type\":\"int\"}}}}";
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            drop();
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (System.nanoTime() < deadline) {
            String result = results.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            // Answers to earlier reports may arrive late; only this report's answer counts.
            if (result != null && result.contains("\"event_id\":\"" + eventId + "\"")) {
                return !result.contains("\"code\"");
            }
        }
        return false;
    }

    private boolean connected() {
        if (client != null && client.isConnected()) {
            return true;
        }
        drop();
        MqttClient fresh = null;
        try {
            fresh = new MqttClient(brokerUrl, "kn-mapper-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setConnectionTimeout(2);
            fresh.connect(options);
            fresh.subscribe(topic + "/result", 1, (t, m) -> results.add(new String(m.getPayload(),
                    StandardCharsets.UTF_8)));
            client = fresh;
            return true;
        } catch (MqttException brokerNotThere) {
            closeQuietly(fresh);
            return false;
        }
    }

    private void drop() {
        closeQuietly(client);
        client = null;
        results.clear();
    }

    private static void closeQuietly(MqttClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(500, 500);
            }
            c.close(true);
        } catch (MqttException ignored) {
            // the broker is gone; the client is dropped either way
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }
}

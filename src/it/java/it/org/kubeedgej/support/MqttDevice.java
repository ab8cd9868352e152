package it.org.kubeedgej.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A device or mapper on MQTT (Eclipse Paho), collecting what arrives on the topics it subscribed to. */
public final class MqttDevice implements AutoCloseable {

    private final MqttClient client;
    private final Map<String, BlockingQueue<String>> received = new ConcurrentHashMap<>();

    private MqttDevice(MqttClient client) {
        this.client = client;
    }

    /**
     * @param port the broker's port on 127.0.0.1
     * @return a connected client
     */
    public static MqttDevice connect(int port) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "it-device-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                client.connect(options);
                return new MqttDevice(client);
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Http.pause(Duration.ofMillis(500));
            }
        }
    }

    /** Subscribes (QoS 1) and collects each message on exactly that topic. */
    public void subscribe(String... topics) throws MqttException {
        for (String topic : topics) {
            received.computeIfAbsent(topic, t -> new LinkedBlockingQueue<>());
            client.subscribe(topic, 1, (t, m) -> received.computeIfAbsent(t, x -> new LinkedBlockingQueue<>())
                    .add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        }
    }

    public void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    /** @return the next message on the topic, or null after the wait */
    public String next(String topic, Duration wait) throws InterruptedException {
        return received.computeIfAbsent(topic, t -> new LinkedBlockingQueue<>()).poll(wait.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Forgets what arrived so far on every topic. */
    public void clear() {
        received.values().forEach(BlockingQueue::clear);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}

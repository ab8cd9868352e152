package org.kubeedgej.edge.eventbus;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Publishes on one broker without waiting for each message to be written: DeviceTwin answers two or three topics
 * per twin update, and waiting for every write made its one thread spend most of its time idle (about 1,000 updates
 * a second at most on the 2-core bench machine, docs/benchmarks.md). Paho still sends in call order on the one
 * connection. At most {@code window} messages are unfinished at once (the configured session queue size, which is
 * also Paho's in-flight limit), so a slow broker slows the caller down rather than filling memory. Each connection
 * starts with a fresh window: Paho may drop the tokens of a lost clean session without finishing them, and their
 * room must not stay taken.
 */
final class WindowedPublisher {

    private static final Logger LOG = Logger.getLogger(WindowedPublisher.class.getName());

    private final IMqttAsyncClient client;
    private final int size;
    private final long waitMillis;
    /** This connection's window; a message gives its room back to the window it took it from. */
    private volatile Semaphore window;
    private final IMqttActionListener finished = new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            ((Semaphore) token.getUserContext()).release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            ((Semaphore) token.getUserContext()).release();
            LOG.warning(() -> "EventBus could not publish to " + String.join(",", topics(token)) + " on "
                    + client.getServerURI() + ": " + cause);
        }
    };

    /**
     * @param client a connected or reconnecting client
     * @param window how many messages may be unfinished at once
     * @param waitMillis how long a publish waits for room before it gives up
     */
    WindowedPublisher(IMqttAsyncClient client, int window, long waitMillis) {
        if (window < 1) {
            throw new IllegalArgumentException("the publish window must be at least 1, was " + window
                    + " (modules.eventBus.mqttSessionQueueSize)");
        }
        this.client = client;
        this.size = window;
        this.window = new Semaphore(window);
        this.waitMillis = waitMillis;
    }

    /** A new connection: the whole window is free again. */
    void connected() {
        window = new Semaphore(size);
    }

    IMqttAsyncClient client() {
        return client;
    }

    /**
     * Hands the message to the client, waiting while the window is full.
     *
     * @return whether the client took it (false: not connected, the window stayed full, or interrupted)
     */
    boolean publish(String topic, byte[] payload, int qos, boolean retain) {
        if (!client.isConnected()) {
            return false;
        }
        Semaphore room = window;
        try {
            if (!room.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "EventBus's MQTT broker " + client.getServerURI() + " has not taken the last "
                        + "messages for " + waitMillis + " ms; message to " + topic + " dropped");
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            client.publish(topic, payload, qos, retain, room, finished);
            return true;
        } catch (MqttException | RuntimeException e) {
            room.release();
            LOG.warning(() -> "EventBus could not publish to " + topic + " on " + client.getServerURI() + ": " + e);
            return false;
        }
    }

    private static String[] topics(IMqttToken token) {
        String[] topics = token == null ? null : token.getTopics();
        return topics == null ? new String[] {"?"} : topics;
    }
}

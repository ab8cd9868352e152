package org.kubeedgej.edge.eventbus;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * EventBus's MQTT clients (Eclipse Paho), one pair per broker of the mode as in KubeEdge: a subscriber on
 * KubeEdge's topics, whose messages go to {@link EventBusRouter} in arrival order, and a publisher for answers.
 * Connects in the background and keeps reconnecting, so a broker that starts late or restarts is picked up.
 */
@ApplicationScoped
public class PahoEventBus implements MqttPublisher {

    private static final Logger LOG = Logger.getLogger(PahoEventBus.class.getName());
    private static final int RETRY_SECONDS = 5;
    private static final int KEEPALIVE_SECONDS = 30;

    @Inject
    EventBusConfig config;

    @Inject
    EventBusRouter router;

    @Inject
    EmbeddedMqttBroker broker;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final List<WindowedPublisher> publishers = new ArrayList<>();
    private final List<MqttClient> subscribers = new ArrayList<>();
    private volatile boolean stopping;

    /** Creates the clients for the configured brokers and starts connecting them. */
    public synchronized void start() {
        for (String url : config.brokerUrls()) {
            try {
                MqttClient subscriber = new MqttClient(url, clientId(config.subClientId(), "sub"),
                        new MemoryPersistence());
                subscriber.setCallback(new Subscription(subscriber, url));
                MqttAsyncClient publisher = new MqttAsyncClient(url, clientId(config.pubClientId(), "pub"),
                        new MemoryPersistence());
                WindowedPublisher windowed = new WindowedPublisher(publisher, config.sessionQueueSize(),
                        TimeUnit.SECONDS.toMillis(RETRY_SECONDS));
                publisher.setCallback(new PublisherConnection(windowed));
                subscribers.add(subscriber);
                publishers.add(windowed);
                broker.protectClientId(subscriber.getClientId(), subscriber::isConnected);
                broker.protectClientId(publisher.getClientId(), publisher::isConnected);
                scheduler.execute(() -> connect(subscriber, url));
                scheduler.execute(() -> connect(publisher, url));
            } catch (MqttException e) {
                LOG.severe(() -> "EventBus cannot create an MQTT client for " + url + ": " + e
                        + "; check modules.eventBus.mqttServerInternal/mqttServerExternal");
            }
        }
    }

    private String clientId(String configured, String role) {
        String base = configured.isBlank() ? "edgecore-" + nodeName + "-" + role : configured;
        // Two edgecores with the same settings must not steal each other's session.
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Connecting, for either kind of Paho client. */
    @FunctionalInterface
    private interface Connect {
        void connect() throws MqttException;
    }

    private void connect(MqttClient client, String url) {
        connect(client.getClientId(), url, client::isConnected, () -> client.connect(options()),
                () -> connect(client, url));
    }

    private void connect(MqttAsyncClient client, String url) {
        connect(client.getClientId(), url, client::isConnected,
                () -> client.connect(options()).waitForCompletion(TimeUnit.SECONDS.toMillis(RETRY_SECONDS * 2L)),
                () -> connect(client, url));
    }

    private void connect(String clientId, String url, java.util.function.BooleanSupplier connected, Connect attempt,
            Runnable retry) {
        if (stopping || connected.getAsBoolean()) {
            return;
        }
        try {
            attempt.connect();
            LOG.info(() -> "EventBus client " + clientId + " connected to MQTT broker " + url);
        } catch (MqttException e) {
            LOG.warning(() -> "EventBus client " + clientId + " cannot reach MQTT broker " + url + " ("
                    + e.getMessage() + "); retrying in " + RETRY_SECONDS + " s");
            scheduler.schedule(retry, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(RETRY_SECONDS * 1000);
        options.setKeepAliveInterval(KEEPALIVE_SECONDS);
        options.setConnectionTimeout(RETRY_SECONDS);
        options.setMaxInflight(config.sessionQueueSize());
        config.username().ifPresent(options::setUserName);
        config.password().ifPresent(p -> options.setPassword(p.toCharArray()));
        return options;
    }

    @Override
    public boolean publish(String topic, byte[] payload) {
        boolean taken = false;
        for (WindowedPublisher publisher : publishers) {
            taken |= publisher.publish(topic, payload, config.qos(), config.retain());
        }
        if (!taken) {
            LOG.warning(() -> "EventBus has no MQTT broker connected; message to " + topic + " dropped");
        }
        return taken;
    }

    /** @return whether every client of the mode is connected */
    public boolean isConnected() {
        return !publishers.isEmpty() && publishers.stream().allMatch(p -> p.client().isConnected())
                && subscribers.stream().allMatch(MqttClient::isConnected);
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        for (MqttClient client : subscribers) {
            try {
                if (client.isConnected()) {
                    client.disconnect(1000);
                }
                client.close();
            } catch (MqttException e) {
                LOG.log(Level.FINE, "closing MQTT client " + client.getClientId(), e);
            }
        }
        for (WindowedPublisher publisher : publishers) {
            IMqttAsyncClient client = publisher.client();
            try {
                if (client.isConnected()) {
                    client.disconnect(1000).waitForCompletion(2000);
                }
                client.close();
            } catch (MqttException e) {
                LOG.log(Level.FINE, "closing MQTT client " + client.getClientId(), e);
            }
        }
        subscribers.clear();
        publishers.clear();
    }

    /** Gives a publisher a fresh window on every (re)connect. */
    private static final class PublisherConnection implements MqttCallbackExtended {

        private final WindowedPublisher publisher;

        PublisherConnection(WindowedPublisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            publisher.connected();
        }

        @Override
        public void connectionLost(Throwable cause) {
            // logged by the subscriber's callback, which loses the same broker
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // a publisher subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // the window is given back by each publish's own listener
        }
    }

    /** Subscribes on every (re)connect, and hands each message to the router on Paho's single callback thread. */
    private final class Subscription implements MqttCallbackExtended {

        private final MqttClient client;
        private final String url;

        Subscription(MqttClient client, String url) {
            this.client = client;
            this.url = url;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            String[] topics = MqttTopics.SUBSCRIPTIONS.toArray(String[]::new);
            int[] qos = new int[topics.length];
            java.util.Arrays.fill(qos, config.qos());
            // Not on the callback thread: Paho forbids blocking calls there.
            scheduler.execute(() -> {
                try {
                    client.subscribe(topics, qos);
                    LOG.info(() -> "EventBus subscribed on " + url + " to " + MqttTopics.SUBSCRIPTIONS);
                } catch (MqttException e) {
                    LOG.warning(() -> "EventBus could not subscribe on " + url + ": " + e.getMessage()
                            + "; reconnecting");
                    try {
                        client.disconnect();
                    } catch (MqttException ignored) {
                        // the automatic reconnect subscribes again
                    }
                }
            });
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (!stopping) {
                LOG.warning(() -> "EventBus lost MQTT broker " + url + ": " + cause + "; reconnecting");
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (message.isRetained() && MqttTopics.isRequest(topic)) {
                // A retained request comes back on every (re)subscribe and would set old values over newer ones.
                LOG.fine(() -> "EventBus ignored a retained request on " + topic + " (requests are commands, acted"
                        + " on when published)");
                return;
            }
            try {
                router.route(topic, message.getPayload());
            } catch (RuntimeException e) {
                // Never let one bad message close the subscription (Paho disconnects on a thrown exception).
                LOG.log(Level.WARNING, "EventBus failed on a message to " + topic + ": " + e, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // nothing to do: publishing is done by the publisher clients
        }
    }
}

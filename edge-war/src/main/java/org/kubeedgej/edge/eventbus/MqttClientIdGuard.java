package org.kubeedgej.edge.eventbus;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;

/**
 * Keeps EventBus's own MQTT sessions from being taken over. MQTT lets a CONNECT with a client id already in use
 * replace the older session, so any local client that learns EventBus's client id (it is in the log) could throw
 * EventBus off the broker again and again, and each reconnect loses QoS 0 device messages. A CONNECT with one of
 * EventBus's client ids is refused while EventBus's client with that id is connected; EventBus's own reconnect, made
 * only when its client is not connected, passes.
 */
public final class MqttClientIdGuard implements MQTTInterceptor {

    private static final Logger LOG = Logger.getLogger(MqttClientIdGuard.class.getName());

    private final Map<String, BooleanSupplier> protectedIds = new ConcurrentHashMap<>();

    /**
     * @param clientId one of EventBus's client ids
     * @param connected whether EventBus's client with that id is connected now
     */
    public void protect(String clientId, BooleanSupplier connected) {
        protectedIds.put(clientId, connected);
    }

    @Override
    public boolean intercept(MqttMessage packet, RemotingConnection connection) {
        if (!(packet instanceof MqttConnectMessage connect)) {
            return true;
        }
        String clientId = connect.payload().clientIdentifier();
        BooleanSupplier owner = clientId == null ? null : protectedIds.get(clientId);
        if (owner == null || !owner.getAsBoolean()) {
            return true;
        }
        LOG.warning(() -> "EventBus refused an MQTT CONNECT from " + connection.getRemoteAddress() + " with client id "
                + clientId + ", which EventBus's own connected client holds; the client is disconnected. Give each"
                + " MQTT client an id of its own");
        connection.disconnect(false);
        return false;
    }
}

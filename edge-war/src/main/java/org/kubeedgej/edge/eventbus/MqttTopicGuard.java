package org.kubeedgej.edge.eventbus;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.protocol.mqtt.MQTTInterceptor;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttWireMessage;

/**
 * Keeps publishes with topics MQTT forbids off EventBus's broker: U+0000 (MQTT 3.1.1, 1.5.3: MUST NOT), the other C0
 * and C1 control characters, U+FFFE/U+FFFF and lone surrogates (SHOULD NOT). Artemis passes them on, and Paho's
 * receive thread, EventBus's subscriber, dies on them ("Invalid UTF-8 char"), silencing every device for the
 * reconnect's length; so does every other character Paho's reader refuses. Such a publish is dropped and its client disconnected, as the spec lets a server do.
 */
public final class MqttTopicGuard implements MQTTInterceptor {

    private static final Logger LOG = Logger.getLogger(MqttTopicGuard.class.getName());
    /** One log line per this many refusals after the first: a flooding client must not flood the log. */
    private static final long LOG_EVERY = 1000;
    private static final int MAX_TOPIC_BYTES = 65_535;

    private final AtomicLong refused = new AtomicLong();

    @Override
    public boolean intercept(MqttMessage packet, RemotingConnection connection) {
        if (!(packet instanceof MqttPublishMessage publish)) {
            return true;
        }
        String topic = publish.variableHeader().topicName();
        Optional<String> problem = problem(topic);
        if (problem.isEmpty()) {
            return true;
        }
        long count = refused.incrementAndGet();
        if (count == 1 || count % LOG_EVERY == 0) {
            LOG.warning(() -> "EventBus refused an MQTT publish from " + connection.getRemoteAddress() + " ("
                    + problem.get() + "; " + count + " refused so far); the client is disconnected");
        }
        connection.disconnect(false);
        return false;
    }

    /**
     * @param topic a topic name
     * @return why MQTT forbids it, when it does
     */
    static Optional<String> problem(String topic) {
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF) {
                return Optional.of(String.format("topic holds control character U+%04X at %d", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= topic.length()
                    || !Character.isLowSurrogate(topic.charAt(i + 1)))) {
                return Optional.of("topic holds a lone surrogate at " + i);
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(topic.charAt(i - 1)))) {
                return Optional.of("topic holds a lone surrogate at " + i);
            }
        }
        return pahoProblem(topic);
    }

    /**
     * EventBus's subscriber is Paho, whose reader refuses more than MQTT does (U+FFFD, which a broker makes of
     * ill-formed UTF-8, and Paho 1.2.5 refuses every character outside the BMP, emoji included): what Paho's own reader
     * refuses is refused here too, else one publish silences every device until Paho reconnects.
     */
    private static Optional<String> pahoProblem(String topic) {
        byte[] utf8 = topic.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_TOPIC_BYTES) {
            return Optional.of("topic is longer than MQTT's 65,535 bytes");
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream(utf8.length + 2);
        wire.write(utf8.length >> 8);
        wire.write(utf8.length & 0xFF);
        wire.writeBytes(utf8);
        try {
            MqttWireMessage.decodeUTF8(new DataInputStream(new ByteArrayInputStream(wire.toByteArray())));
            return Optional.empty();
        } catch (MqttException | IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of("topic holds a character EventBus's MQTT client refuses (" + cause.getMessage() + ")");
        }
    }
}

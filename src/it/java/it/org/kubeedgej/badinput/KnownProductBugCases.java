package it.org.kubeedgej.badinput;

import static it.org.kubeedgej.badinput.BadInputRig.MQTT;
import static it.org.kubeedgej.badinput.BadInputRig.SENSOR;
import static it.org.kubeedgej.badinput.BadInputRig.SERVICEBUS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * Bad input this suite found the product did not survive: {@link #fixed()} holds those now fixed (run in CI),
 * {@link #open()} those still open (not run until fixed). Each case asserts the answer the product should give; the
 * health check after it shows any damage.
 */
final class KnownProductBugCases {

    private final MqttCases mqtt;

    KnownProductBugCases(MqttCases mqtt) {
        this.mqtt = mqtt;
    }

    List<BadCase> fixed() {
        return List.of(
                // Artemis decodes the bytes to U+FFFD and passes the topic on; Paho's receive thread in EventBus died
                // on it ("Invalid UTF-8 char: [fffd]"); no device was heard until the keepalive reconnect some 48 s
                // later. MqttTopicGuard now refuses what Paho's reader refuses.
                BadCase.of("topic with a lone surrogate (bytes ED A0 80) -> disconnected", () -> topic(concat(
                        MqttCases.utf8("$hw/events/device/"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        MqttCases.utf8("/twin/update")))),
                BadCase.of("topic with U+FFFD -> disconnected", () -> topic(MqttCases.utf8(SENSOR
                        + "twin/update\ufffd"))),
                // Was a StackOverflowError in thread devicetwin-requests (edgecore runs with -Xss256k): the thread died
                // and no device request was answered again until edgecore restarted. Now read within JsonBounds.
                BadCase.of("twin/update nested 20,000 deep (40 kB, within maxPayloadBytes) -> result 400",
                        () -> mqtt.expectTwinUpdateCode("{\"event_id\":\"n\",\"twin\":" + "[".repeat(20_000)
                                + "]".repeat(20_000) + "}", 400)),
                // Was a StackOverflowError in the ServiceBus handler thread: the connection closed with no answer.
                BadCase.of("ServiceBus body nested 20,000 deep (within maxBodyBytes) -> 400", () ->
                        LocalHttpCases.assertAnswer(RawHttp.send(SERVICEBUS, "POST", "/", "{\"targetURL\":"
                                + "[".repeat(20_000) + "]".repeat(20_000) + "}"), 400, "must be a JSON object")));
    }

    List<BadCase> open() {
        return List.of(
                // The broker keeps a connection that never sends a whole CONNECT for good (seen open after 3.5
                // minutes); each holds a socket and a Netty channel on a small edge machine. Artemis's protocol
                // detection takes these for HTTP (its WebSocket path) or waits, and they never become connections a
                // broker-side check could see.
                BadCase.of("MQTT port: an HTTP request instead of CONNECT -> cut off", () -> cutOff(
                        RawHttp.request("GET", "/", null))),
                BadCase.of("MQTT port: a PUBLISH before CONNECT, never completed -> cut off", () -> cutOff(
                        new byte[] {0x30, 0x7F, 0x00, 0x05, 't', 'o', 'p', 'i', 'c'})));
    }

    private static void cutOff(byte[] partial) throws Exception {
        try (StalledClients stalled = StalledClients.open(MQTT, partial, 1)) {
            stalled.awaitAllClosed(Duration.ofSeconds(60));
        }
    }

    private static void topic(byte[] topic) throws Exception {
        try (RawMqtt raw = RawMqtt.connected(MQTT, "bad-topic-" + System.nanoTime())) {
            raw.publish(topic, MqttCases.utf8("{\"twin\":{}}"), false);
            assertTrue(raw.closedByBroker(), "the broker must refuse a topic EventBus's client cannot read");
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}

package it.org.kubeedgej.badinput;

import static it.org.kubeedgej.badinput.BadInputRig.MQTT;
import static it.org.kubeedgej.badinput.BadInputRig.SENSOR;
import static it.org.kubeedgej.badinput.BadInputRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.MqttDevice;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A device or local client on edgecore's MQTT broker: topics MQTT forbids (the client is disconnected, EventBus's
 * subscriber lives), packets that are not MQTT, and twin requests DeviceTwin refuses with KubeEdge's result codes.
 */
final class MqttCases {

    private static final String UPDATE = SENSOR + "twin/update";
    private static final String RESULT = SENSOR + "twin/update/result";
    private static final String UNKNOWN = "$hw/events/device/default/no-such-device/";

    private final MqttDevice device;

    MqttCases(MqttDevice device) {
        this.device = device;
    }

    List<BadCase> all() throws Exception {
        device.subscribe(RESULT, UNKNOWN + "twin/update/result", UNKNOWN + "twin/get/result");
        List<BadCase> cases = new ArrayList<>();
        forbiddenTopics(cases);
        protocol(cases);
        twinRequests(cases);
        return cases;
    }

    private void forbiddenTopics(List<BadCase> cases) {
        cases.add(topicRefused("topic with NUL (once silenced every device) -> disconnected",
                utf8(UPDATE + "\u0000x")));
        cases.add(topicRefused("topic with control character U+0001 -> disconnected", utf8(UPDATE + "\u0001")));
        cases.add(topicRefused("topic with newline U+000A -> disconnected",
                utf8("$hw/events/device/a\nb/twin/update")));
        cases.add(topicRefused("topic with DEL U+007F -> disconnected", utf8(UPDATE + "\u007f")));
        cases.add(topicRefused("topic with C1 control U+0085 -> disconnected", utf8(UPDATE + "\u0085")));
        cases.add(topicRefused("topic with non-character U+FFFF -> disconnected", utf8(UPDATE + "\uffff")));
        cases.add(topicRefused("topic with non-character U+FFFE -> disconnected", utf8(UPDATE + "\ufffe")));
    }

    private void protocol(List<BadCase> cases) {
        cases.add(BadCase.of("CONNECT with protocol level 99 -> refused", () -> {
            try (RawMqtt raw = RawMqtt.open(MQTT)) {
                int code = raw.connect("bad-level-" + System.nanoTime(), 99, 60);
                assertTrue(code == 1 || code == -1, "CONNACK 1 (unacceptable protocol version) or a close: " + code);
                assertTrue(raw.closedByBroker());
            }
        }));
        cases.add(BadCase.of("PUBLISH declaring 200 MB, sending 10 bytes (keepalive 2 s) -> cut off", () -> {
            try (RawMqtt raw = RawMqtt.connected(MQTT, "liar-" + System.nanoTime(), 2)) {
                raw.readTimeout(15_000);
                ByteArrayOutputStream packet = new ByteArrayOutputStream();
                packet.write(0x30);
                RawMqtt.writeLength(packet, 200 * 1024 * 1024);
                packet.write(new byte[10]);
                raw.raw(packet.toByteArray());
                assertTrue(raw.closedByBroker(), "a packet that never completes must not hold the connection past"
                        + " 1.5 keepalives");
            }
        }));
    }

    private void twinRequests(List<BadCase> cases) {
        cases.add(rejected("twin/update that is not JSON -> result 400", "{not json", 400));
        cases.add(rejected("twin/update that is a JSON array -> result 400", "[1,2]", 400));
        cases.add(rejected("twin/update that is JSON null -> result 400", "null", 400));
        cases.add(rejected("twin/update with a value not of the twin's type -> result 400",
                "{\"event_id\":\"t\",\"twin\":{\"temperature\":{\"actual\":{\"value\":\"warm\"},"
                        + "\"metadata\":{\"type\":\"int\"}}}}", 400));
        cases.add(rejected("twin/update with a twin name KubeEdge forbids -> result 400",
                "{\"event_id\":\"k\",\"twin\":{\"bad key!\":{\"actual\":{\"value\":\"1\"}}}}", 400));
        cases.add(rejected("twin/update whose twin is a string -> result 400",
                "{\"event_id\":\"s\",\"twin\":\"temperature\"}", 400));
        cases.add(BadCase.of("twin/update over maxPayloadBytes (70 kB) -> result 400", () -> expectCode(RESULT,
                () -> device.publish(UPDATE, ("{\"event_id\":\"b\",\"twin\":{\"temperature\":{\"actual\":{\"value\":\""
                        + "9".repeat(70_000) + "\"}}}}").getBytes(StandardCharsets.UTF_8)), 400)));
        cases.add(BadCase.of("twin/update that is not UTF-8 -> result 400", () -> expectCode(RESULT,
                () -> device.publish(UPDATE, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'}), 400)));
        cases.add(BadCase.of("twin/update for an unknown device -> result 404", () -> expectCode(
                UNKNOWN + "twin/update/result", () -> device.publish(UNKNOWN + "twin/update", "{\"twin\":{}}"), 404)));
        cases.add(BadCase.of("twin/get for an unknown device -> result 404", () -> expectCode(
                UNKNOWN + "twin/get/result", () -> device.publish(UNKNOWN + "twin/get", "{\"event_id\":\"g\"}"),
                404)));
    }

    // ---------------------------------------------------------------------------------------------------------

    private interface Publish {
        void publish() throws Exception;
    }

    private BadCase topicRefused(String name, byte[] topic) {
        return BadCase.of(name, () -> {
            try (RawMqtt raw = RawMqtt.connected(MQTT, "bad-topic-" + System.nanoTime())) {
                raw.publish(topic, utf8("{\"event_id\":\"x\",\"twin\":{}}"), false);
                assertTrue(raw.closedByBroker(), "the broker disconnects a client that publishes a topic MQTT forbids");
            }
        });
    }

    /** Publishes a twin/update for the suite's device and asserts the result's code. */
    void expectTwinUpdateCode(String payload, int code) throws Exception {
        device.subscribe(RESULT);
        expectCode(RESULT, () -> device.publish(UPDATE, payload), code);
    }

    private BadCase rejected(String name, String payload, int code) {
        return BadCase.of(name, () -> expectCode(RESULT, () -> device.publish(UPDATE, payload), code));
    }

    private void expectCode(String resultTopic, Publish publish, int code) throws Exception {
        device.clear();
        publish.publish();
        String text;
        JsonObject result;
        do {
            // a late answer to the health check's own update is not the one awaited
            text = device.next(resultTopic, WAIT);
            assertNotNull(text, "no result on " + resultTopic + " within " + WAIT);
            result = Http.json(text);
        } while (result.getString("event_id", "").startsWith("health-"));
        assertEquals(code, result.getInt("code", 0), text);
        assertTrue(!result.getString("reason", "").isBlank(), "the result says why: " + text);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

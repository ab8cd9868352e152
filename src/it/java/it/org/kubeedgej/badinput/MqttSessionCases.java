package it.org.kubeedgej.badinput;

import static it.org.kubeedgej.badinput.BadInputRig.MQTT;
import static it.org.kubeedgej.badinput.BadInputRig.SENSOR;
import static it.org.kubeedgej.badinput.BadInputRig.WAIT;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.MqttDevice;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MQTT misuse that targets EventBus's own session: a retained twin/update (a command a broker would replay on every
 * subscribe) and a client that connects with EventBus's subscriber's client id, which makes EventBus subscribe again
 * and so also shows whether the retained request is replayed into the twin.
 */
final class MqttSessionCases {

    private static final Pattern SUBSCRIBER = Pattern.compile("EventBus client (\\S+-sub-\\S+) connected to MQTT");
    private static final String RETAINED_VALUE = "7777";

    private final BadInputRig rig;
    private final MqttDevice device;

    MqttSessionCases(BadInputRig rig, MqttDevice device) {
        this.rig = rig;
        this.device = device;
    }

    List<BadCase> all() {
        return List.of(
                BadCase.of("retained twin/update -> acted on once as a live request, never replayed", () -> {
                    device.subscribe(SENSOR + "twin/update/result");
                    device.clear();
                    try (RawMqtt raw = RawMqtt.connected(MQTT, "retainer-" + System.nanoTime())) {
                        raw.publish(MqttCases.utf8(SENSOR + "twin/update"), MqttCases.utf8("{\"event_id\":\"retained\","
                                + "\"twin\":{\"temperature\":{\"actual\":{\"value\":\"" + RETAINED_VALUE + "\"}}}}"),
                                true);
                        assertTrue(raw.pingAnswered());
                    }
                    awaitResult("retained");
                }),
                BadCase.of("client with EventBus's subscriber client id -> EventBus keeps or takes back its session,"
                        + " the retained request is not replayed", () -> {
                    String id = subscriberId();
                    try (RawMqtt thief = RawMqtt.open(MQTT)) {
                        thief.readTimeout(20_000);
                        int code = thief.connect(id, 4, 60);
                        long connected = System.nanoTime();
                        // Refused (2, identifier rejected), or accepted and then taken back when EventBus reconnects.
                        assertTrue(code != 0 || thief.closedByBroker(), "a client holding EventBus's id (" + id
                                + ") kept the session; CONNACK " + code);
                        System.out.println("BADINPUT EventBus's client id: CONNACK " + code + ", thief's connection"
                                + " ended after " + (System.nanoTime() - connected) / 1_000_000 + " ms");
                    }
                    device.subscribe(SENSOR + "twin/get/result");
                    JsonObject got = null;
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (got == null && System.nanoTime() < deadline) {
                        device.publish(SENSOR + "twin/get", "{\"event_id\":\"after-takeover\"}");
                        String text = device.next(SENSOR + "twin/get/result", Duration.ofSeconds(1));
                        got = text == null ? null : Http.json(text);
                    }
                    assertNotNull(got, "EventBus did not answer twin/get within 30 s after the takeover");
                    assertNotEquals(RETAINED_VALUE, got.getJsonObject("twin").getJsonObject("temperature")
                            .getJsonObject("actual").getString("value"), "the retained request was replayed: " + got);
                }));
    }

    /** Removes the retained message (an empty retained publish), so nothing outlives the case. */
    void clearRetained() throws Exception {
        try (RawMqtt raw = RawMqtt.connected(MQTT, "unretainer-" + System.nanoTime())) {
            raw.publish(MqttCases.utf8(SENSOR + "twin/update"), new byte[0], true);
            raw.pingAnswered();
        }
    }

    private void awaitResult(String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = device.next(SENSOR + "twin/update/result", WAIT);
            if (text != null && eventId.equals(Http.json(text).getString("event_id", ""))) {
                assertTrue(!Http.json(text).containsKey("code"), "a retained request read live is taken: " + text);
                return;
            }
        }
        throw new AssertionError("no result for " + eventId + " within " + WAIT);
    }

    private String subscriberId() throws Exception {
        Matcher m = SUBSCRIBER.matcher(Files.readString(rig.edgecore.messagesLog()));
        String id = null;
        while (m.find()) {
            id = m.group(1);
        }
        assertNotNull(id, "edgecore logged no EventBus subscriber client id");
        return id;
    }
}

package org.kubeedgej.edge.servicebus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;

final class ServiceBusMessagesTest {

    /** An HTTPRequest as the cloud router writes it: Go http.Header and []byte (base64 of {"t":21}). */
    private static final String REQUEST_JSON = "{\"header\":{\"Content-Type\":[\"application/json\"],"
            + "\"X-Multi\":[\"a\",\"b\"]},\"body\":\"eyJ0IjoyMX0=\",\"method\":\"POST\",\"url\":\"/r/temp\"}";

    @Test
    void aBodyNestedTooDeepIsRefusedNotAStackOverflow() {
        byte[] deep = ("{\"targetURL\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
                .getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceBusMessages.readObject(deep));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("deeper than 100"), e.getMessage());
    }

    @Test
    void requestFromTheCloudIsReadWithItsBase64Body() {
        ServiceBusMessages.Request underTest = ServiceBusMessages.Request
                .parse(REQUEST_JSON.getBytes(StandardCharsets.UTF_8));
        assertEquals("POST", underTest.method());
        assertEquals(Map.of("Content-Type", List.of("application/json"), "X-Multi", List.of("a", "b")),
                underTest.header());
        assertEquals("{\"t\":21}", new String(underTest.body(), StandardCharsets.UTF_8));
        assertEquals("/r/temp", underTest.url());
    }

    @Test
    void requestRoundTripsThroughJsonAndAMessage() {
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe};
        ServiceBusMessages.Request underTest = new ServiceBusMessages.Request("PUT",
                Map.of("K", List.of("v")), binary, "");
        Message message = Message.newRequest("router_servicebus", "user", "PUT", "8080:/x", underTest.toJson());
        MessageCodec codec = MessageCodec.create();
        Message decoded = codec.decode(codec.encodeToString(message));
        ServiceBusMessages.Request back = ServiceBusMessages.Request.parse(decoded.contentData());
        assertEquals(underTest, back);
        assertArrayEquals(binary, back.body());
        assertEquals("AAEC//4=", underTest.toJson().getString(ServiceBusMessages.JsonFields.BODY));
    }

    @Test
    void goNullsAndMissingFieldsMeanEmpty() {
        ServiceBusMessages.Request underTest = ServiceBusMessages.Request
                .parse("{\"header\":null,\"body\":null}".getBytes(StandardCharsets.UTF_8));
        assertEquals("", underTest.method());
        assertEquals(Map.of(), underTest.header());
        assertEquals(0, underTest.body().length);
    }

    @Test
    void responseRoundTripsWithGoKeys() {
        ServiceBusMessages.Response underTest = new ServiceBusMessages.Response(
                Map.of("Content-Type", List.of("text/plain")), 200, "21.5".getBytes(StandardCharsets.UTF_8));
        JsonObject json = underTest.toJson();
        assertEquals(200, json.getInt("status_code"));
        assertEquals("MjEuNQ==", json.getString("body"));
        assertEquals("text/plain", json.getJsonObject("header").getJsonArray("Content-Type").getString(0));
        assertEquals(underTest, ServiceBusMessages.Response.fromJson(json));
    }

    @Test
    void errorResponseCarriesKubeEdgesServerHeader() {
        ServiceBusMessages.Response underTest = ServiceBusMessages.Response.error(502, "refused");
        assertEquals(Map.of("Server", List.of("kubeedge-edgecore")), underTest.header());
        assertEquals("refused", underTest.bodyText());
    }

    @Test
    void tryToParseSomethingElse() {
        assertThrows(IllegalArgumentException.class, () -> parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> parse("[1]"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"body\":\"%%%\"}"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"header\":{\"K\":\"v\"}}"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"method\":7}"));
        JsonObject textStatus = Json.createObjectBuilder().add("status_code", "200").build();
        assertThrows(IllegalArgumentException.class, () -> ServiceBusMessages.Response.fromJson(textStatus));
    }

    private static ServiceBusMessages.Request parse(String json) {
        return ServiceBusMessages.Request.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}

package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

public final class MessageCodecTest {

    private static final String HEADER = "{\"msg_id\":\"m1\",\"timestamp\":1}";
    private static final String ROUTE = "{\"source\":\"edged\",\"operation\":\"update\",\"resource\":\"default/pod/a\"}";

    private final MessageCodec underTest = MessageCodec.create();

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.POD_INSERT, Fixtures.ACK_RESPONSE, Fixtures.KEEPALIVE,
            Fixtures.NODESTATUS_UPDATE, Fixtures.TWIN_MEMBERSHIP, Fixtures.BINARY_CONTENT})
    void encodeOfDecodedFixtureReturnsFixtureBytes(final String fixture) {
        final byte[] expected = Fixtures.bytes(fixture);

        final byte[] actual = underTest.encode(underTest.decode(expected));

        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.POD_INSERT, Fixtures.ACK_RESPONSE, Fixtures.KEEPALIVE,
            Fixtures.NODESTATUS_UPDATE, Fixtures.TWIN_MEMBERSHIP, Fixtures.BINARY_CONTENT})
    void decodeOfEncodedMessageReturnsEqualMessage(final String fixture) {
        final Message message = underTest.decode(Fixtures.bytes(fixture));

        assertEquals(message, underTest.decode(underTest.encode(message)));
        assertEquals(message, underTest.decode(underTest.encodeToString(message)));
    }

    @Test
    void decodePodInsertReturnsExpected() {
        final Message actual = underTest.decode(Fixtures.bytes(Fixtures.POD_INSERT));

        assertEquals(MessageHeader.of("2b1a6f0e-7c5d-4d8b-9a3e-1f2e3d4c5b6a", 1785999506123L)
                .withResourceVersion("123457"), actual.header());
        assertEquals(MessageRoute.of(Groups.EDGECONTROLLER, Groups.RESOURCE, Operations.INSERT, "default/pod/nginx"),
                actual.route());
        assertEquals("nginx", actual.content().asJsonObject().getJsonObject("metadata").getString("name"));
        assertEquals("a<b && c>d", Json.createReader(new java.io.StringReader(actual.content().asJsonObject()
                .getJsonObject("metadata").getJsonObject("annotations")
                .getString("kubectl.kubernetes.io/last-applied-configuration"))).readObject()
                .getJsonObject("metadata").getJsonObject("annotations").getString("note"));
    }

    @Test
    void decodeAckReturnsResponseToPodInsert() {
        final Message insert = underTest.decode(Fixtures.bytes(Fixtures.POD_INSERT));

        final Message ack = underTest.decode(Fixtures.bytes(Fixtures.ACK_RESPONSE));

        assertTrue(ack.isResponseTo(insert));
        assertEquals(Message.ACK_CONTENT, ack.contentString());
        assertEquals(insert.newAck().route(), ack.route());
    }

    @Test
    void decodeKeepaliveAndNodeStatusReturnExpected() {
        final Message keepalive = underTest.decode(Fixtures.bytes(Fixtures.KEEPALIVE));
        final Message nodeStatus = underTest.decode(Fixtures.bytes(Fixtures.NODESTATUS_UPDATE));

        assertEquals(MessageRoute.of(Groups.WEBSOCKET, Groups.RESOURCE, Operations.KEEPALIVE, ResourceTypes.NODE),
                keepalive.route());
        assertEquals("ping", keepalive.contentString());
        assertTrue(nodeStatus.header().isSync());
        assertEquals(JsonValue.NULL, nodeStatus.content().asJsonObject().get("ExtendResources"));
        assertEquals(ResourceTypes.NODE_STATUS, ResourcePath.parseEdge(nodeStatus.route().resource()).type());
    }

    @Test
    void decodeBinaryContentReturnsOriginalBytes() {
        final Message actual = underTest.decode(Fixtures.bytes(Fixtures.BINARY_CONTENT));

        assertArrayEquals(Fixtures.bytes(Fixtures.BINARY_CONTENT_BYTES), actual.contentBytes());
    }

    @Test
    void encodeOmitsEmptyFieldsAndWritesNullContent() {
        final Message message = Message.of(MessageHeader.of("id-1", 42L),
                MessageRoute.of("", "", Operations.QUERY, "default/pod"), null);

        assertEquals("{\"header\":{\"msg_id\":\"id-1\",\"timestamp\":42},"
                + "\"route\":{\"operation\":\"query\",\"resource\":\"default/pod\"},\"content\":null}",
                underTest.encodeToString(message));
    }

    @Test
    void encodeWritesAllFieldsInGoOrder() {
        final Message message = Message.of(MessageHeader.of("id-1", 42L).withParentId("p").withResourceVersion("7")
                        .withSync(true).withType("channel"),
                MessageRoute.of("s", "g", Operations.UPDATE, "r").withDestination("d"), Message.textContent("x"));

        assertEquals("{\"header\":{\"msg_id\":\"id-1\",\"parent_msg_id\":\"p\",\"timestamp\":42,"
                + "\"resourceversion\":\"7\",\"sync\":true,\"type\":\"channel\"},"
                + "\"route\":{\"source\":\"s\",\"destination\":\"d\",\"group\":\"g\",\"operation\":\"update\","
                + "\"resource\":\"r\"},\"content\":\"x\"}", underTest.encodeToString(message));
    }

    @Test
    void decodeAcceptsTrailingNewlineAndNullOptionalFields() {
        final Message actual = underTest.decode("{\"header\":{\"msg_id\":\"m1\",\"parent_msg_id\":null,"
                + "\"timestamp\":1,\"sync\":false},\"route\":" + ROUTE + ",\"content\":{\"a\":1}}\n");

        assertEquals(MessageHeader.of("m1", 1L), actual.header());
        assertEquals(1, actual.content().asJsonObject().getInt("a"));
    }

    @Test
    void tryToDecodeMalformedJson() {
        final MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> underTest.decode("{\"header\":{\"msg_id\":"));
        assertTrue(e.getMessage().startsWith("Malformed JSON"), e.getMessage());
    }

    @Test
    void tryToDecodeTrailingGarbage() {
        final MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> underTest.decode("{\"header\":" + HEADER + ",\"route\":" + ROUTE + "} x"));
        assertTrue(e.getMessage().startsWith("Malformed JSON"), e.getMessage());
    }

    @Test
    void tryToDecodeEmptyInputOrTwoMessages() {
        assertTrue(assertThrows(MessageFormatException.class, () -> underTest.decode("  ")).getMessage()
                .startsWith("Malformed JSON"));
        final String one = "{\"header\":" + HEADER + ",\"route\":" + ROUTE + "}";
        assertTrue(assertThrows(MessageFormatException.class, () -> underTest.decode(one + one)).getMessage()
                .startsWith("Malformed JSON"));
    }

    @Test
    void tryToDecodeNonObject() {
        final MessageFormatException e = assertThrows(MessageFormatException.class, () -> underTest.decode("[1]"));
        assertEquals("A message must be a JSON object but was ARRAY", e.getMessage());
    }

    @Test
    void tryToDecodeWithoutHeader() {
        assertField("header", "Missing required field 'header'", "{\"route\":" + ROUTE + "}");
    }

    @Test
    void tryToDecodeWithoutRoute() {
        assertField("route", "Missing required field 'route'", "{\"header\":" + HEADER + "}");
    }

    @Test
    void tryToDecodeWithoutMsgId() {
        assertField("header.msg_id", "Missing required field 'header.msg_id'",
                "{\"header\":{\"timestamp\":1},\"route\":" + ROUTE + "}");
    }

    @Test
    void tryToDecodeWithoutOperation() {
        assertField("route.operation", "Missing required field 'route.operation'",
                "{\"header\":" + HEADER + ",\"route\":{\"resource\":\"default/pod/a\"}}");
    }

    @Test
    void tryToDecodeWithoutResource() {
        assertField("route.resource", "Missing required field 'route.resource'",
                "{\"header\":" + HEADER + ",\"route\":{\"operation\":\"insert\"}}");
    }

    @Test
    void tryToDecodeTimestampAsString() {
        assertField("header.timestamp", "Field 'header.timestamp' must be an integer (int64) but was STRING: "
                + "\"1700000000000\"", "{\"header\":{\"msg_id\":\"m\",\"timestamp\":\"1700000000000\"},\"route\":"
                + ROUTE + "}");
    }

    @Test
    void tryToDecodeFractionalTimestamp() {
        assertField("header.timestamp", "Field 'header.timestamp' must be an integer (int64) but was NUMBER: 1.5",
                "{\"header\":{\"msg_id\":\"m\",\"timestamp\":1.5},\"route\":" + ROUTE + "}");
    }

    @Test
    void tryToDecodeWrongTypes() {
        assertField("header.sync", "Field 'header.sync' must be a boolean but was STRING: \"true\"",
                "{\"header\":{\"msg_id\":\"m\",\"timestamp\":1,\"sync\":\"true\"},\"route\":" + ROUTE + "}");
        assertField("header.msg_id", "Field 'header.msg_id' must be a string but was NUMBER: 5",
                "{\"header\":{\"msg_id\":5},\"route\":" + ROUTE + "}");
        assertField("route", "Field 'route' must be a JSON object but was STRING: \"x\"",
                "{\"header\":" + HEADER + ",\"route\":\"x\"}");
        assertField("route.source", "Field 'route.source' must be a string but was ARRAY: []",
                "{\"header\":" + HEADER + ",\"route\":{\"source\":[],\"operation\":\"insert\",\"resource\":\"r\"}}");
    }

    @Test
    void tryToDecodeUnknownOperation() {
        final MessageFormatException e = assertThrows(MessageFormatException.class, () -> underTest.decode(
                "{\"header\":" + HEADER + ",\"route\":{\"operation\":\"frobnicate\",\"resource\":\"r\"}}"));
        assertEquals("route.operation", e.field());
        assertTrue(e.getMessage().startsWith("Unknown operation 'frobnicate'; known operations: "), e.getMessage());
        assertTrue(e.getMessage().contains("insert") && e.getMessage().contains("keepalive")
                && e.getMessage().contains("unhold-upgrade"), e.getMessage());
    }

    private void assertField(final String field, final String message, final String json) {
        final MessageFormatException e = assertThrows(MessageFormatException.class, () -> underTest.decode(json));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}

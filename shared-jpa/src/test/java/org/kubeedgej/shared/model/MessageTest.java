package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

public final class MessageTest {

    private static final JsonObject POD = Json.createObjectBuilder()
            .add("metadata", Json.createObjectBuilder().add("name", "nginx").add("namespace", "default")).build();

    private final Message underTest = Message.of(MessageHeader.of("id-1", 1000L).withResourceVersion("5"),
            MessageRoute.of(Groups.EDGECONTROLLER, Groups.RESOURCE, Operations.INSERT, "default/pod/nginx"), POD);

    @Test
    void toJsonReturnsExpected() {
        final JsonObject expected = Json.createObjectBuilder()
                .add(Message.JsonFields.HEADER, Json.createObjectBuilder().add(MessageHeader.JsonFields.ID, "id-1")
                        .add(MessageHeader.JsonFields.TIMESTAMP, 1000L)
                        .add(MessageHeader.JsonFields.RESOURCE_VERSION, "5"))
                .add(Message.JsonFields.ROUTE, Json.createObjectBuilder()
                        .add(MessageRoute.JsonFields.SOURCE, "edgecontroller")
                        .add(MessageRoute.JsonFields.GROUP, "resource")
                        .add(MessageRoute.JsonFields.OPERATION, "insert")
                        .add(MessageRoute.JsonFields.RESOURCE, "default/pod/nginx"))
                .add(Message.JsonFields.CONTENT, POD).build();

        assertEquals(expected, underTest.toJson());
    }

    @Test
    void fromJsonReturnsExpected() {
        assertEquals(underTest, Message.fromJson(underTest.toJson()));
    }

    @Test
    void newRequestGeneratesUuidAndTimestamp() {
        final long before = System.currentTimeMillis();

        final Message request = Message.newRequest(Groups.WEBSOCKET, Groups.RESOURCE, Operations.KEEPALIVE,
                ResourceTypes.NODE, Message.textContent("ping"));

        assertEquals(request.header().id(), UUID.fromString(request.header().id()).toString());
        assertTrue(request.header().timestamp() >= before
                && request.header().timestamp() <= System.currentTimeMillis());
        assertFalse(request.header().hasParentId());
        assertEquals("ping", request.contentString());
    }

    @Test
    void newAckReturnsResponseLikeMetaManager() {
        final Message request = underTest.withHeader(underTest.header().withType("unixsocket")).withRoute(
                underTest.route().withDestination("metamanager"));

        final Message ack = request.newAck();

        assertEquals("id-1", ack.header().parentId());
        assertNotEquals("id-1", ack.header().id());
        assertEquals("unixsocket", ack.header().type());
        assertEquals("", ack.header().resourceVersion());
        assertEquals(MessageRoute.of(Groups.EDGECONTROLLER, Groups.RESOURCE, Operations.RESPONSE,
                "default/pod/nginx"), ack.route());
        assertEquals("OK", ack.contentString());
        assertTrue(ack.isResponseTo(request));
        assertFalse(request.isResponseTo(ack));
    }

    @Test
    void isResponseToIsFalseForOtherMessagesAndOperations() {
        final Message other = Message.newRequest("a", "b", Operations.QUERY, "default/pod", null);
        final Message response = underTest.newResponse(JsonValue.EMPTY_JSON_ARRAY);

        assertFalse(response.isResponseTo(other));
        assertTrue(response.withRoute(response.route().withOperation(Operations.ERROR)).isResponseTo(underTest));
        assertFalse(response.withRoute(response.route().withOperation(Operations.UPDATE)).isResponseTo(underTest));
    }

    @Test
    void binaryContentRoundTrips() {
        final byte[] data = {0, 1, 2, (byte) 0xfe, (byte) 0xff, '<', '>'};

        final Message message = underTest.withContent(Message.binaryContent(data));

        assertEquals("AAEC/v88Pg==", message.contentString());
        assertArrayEquals(data, message.contentBytes());
        assertArrayEquals("AAEC/v88Pg==".getBytes(StandardCharsets.US_ASCII), message.contentData());
    }

    @Test
    void contentDataOfObjectIsGoJson() {
        assertEquals("{\"metadata\":{\"name\":\"nginx\",\"namespace\":\"default\"}}",
                new String(underTest.contentData(), StandardCharsets.UTF_8));
    }

    @Test
    void tryToReadNonStringContentAsString() {
        assertThrows(IllegalStateException.class, underTest::contentString);
        assertThrows(IllegalStateException.class, () -> underTest.withContent(Message.textContent("%%")).contentBytes());
    }

    @Test
    void nullContentIsJsonNull() {
        assertEquals(JsonValue.NULL, underTest.withContent(null).content());
    }

    @Test
    void tryToCreateInstanceWithNullHeaderOrRoute() {
        assertThrows(NullPointerException.class, () -> Message.of(null, underTest.route(), POD));
        assertThrows(NullPointerException.class, () -> Message.of(underTest.header(), null, POD));
    }

    @Test
    void equalsAndHashCode() {
        final Message same = Message.fromJson(underTest.toJson());

        assertEquals(underTest, same);
        assertEquals(underTest.hashCode(), same.hashCode());
        assertNotEquals(underTest, underTest.withContent(Message.textContent("x")));
        assertNotEquals(underTest, underTest.withHeader(underTest.header().withSync(true)));
        assertNotEquals(underTest, underTest.withRoute(underTest.route().withGroup("meta")));
        assertNotEquals(underTest, null);
        assertTrue(underTest.toString().contains("default/pod/nginx"));
    }
}

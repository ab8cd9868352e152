package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

public final class MessageHeaderTest {

    private final MessageHeader underTest = MessageHeader.of("id-1", 1785999506123L).withParentId("p-1")
            .withResourceVersion("42").withSync(true).withType("channel");

    @Test
    void toJsonReturnsExpected() {
        final JsonObject expected = Json.createObjectBuilder().add(MessageHeader.JsonFields.ID, "id-1")
                .add(MessageHeader.JsonFields.PARENT_ID, "p-1").add(MessageHeader.JsonFields.TIMESTAMP, 1785999506123L)
                .add(MessageHeader.JsonFields.RESOURCE_VERSION, "42").add(MessageHeader.JsonFields.SYNC, true)
                .add(MessageHeader.JsonFields.TYPE, "channel").build();

        assertEquals(expected, underTest.toJson());
    }

    @Test
    void toJsonOmitsEmptyFields() {
        assertEquals(Json.createObjectBuilder().add("msg_id", "id-1").add("timestamp", 0L).build(),
                MessageHeader.of("id-1", 0L).toJson());
    }

    @Test
    void fromJsonReturnsExpected() {
        assertEquals(underTest, MessageHeader.fromJson(underTest.toJson()));
    }

    @Test
    void fromJsonWithoutTimestampReturnsZero() {
        assertEquals(0L, MessageHeader.fromJson(Json.createObjectBuilder().add("msg_id", "x").build()).timestamp());
    }

    @Test
    void tryToCreateInstanceWithNullOrEmptyId() {
        assertThrows(NullPointerException.class, () -> MessageHeader.of(null, 1L));
        assertThrows(IllegalArgumentException.class, () -> MessageHeader.of("", 1L));
        assertThrows(NullPointerException.class, () -> underTest.withParentId(null));
    }

    @Test
    void newHeaderHasUuidAndCurrentTime() {
        final MessageHeader header = MessageHeader.newHeader();

        assertEquals(36, header.id().length());
        assertTrue(Math.abs(System.currentTimeMillis() - header.timestamp()) < 60_000);
    }

    @Test
    void equalsAndHashCode() {
        final MessageHeader same = MessageHeader.of("id-1", 1785999506123L).withParentId("p-1")
                .withResourceVersion("42").withSync(true).withType("channel");

        assertEquals(underTest, same);
        assertEquals(underTest.hashCode(), same.hashCode());
        assertNotEquals(underTest, underTest.withId("id-2"));
        assertNotEquals(underTest, underTest.withParentId(""));
        assertNotEquals(underTest, underTest.withTimestamp(1L));
        assertNotEquals(underTest, underTest.withResourceVersion("43"));
        assertNotEquals(underTest, underTest.withSync(false));
        assertNotEquals(underTest, underTest.withType(""));
        assertTrue(underTest.toString().contains("parentId=p-1"));
    }
}

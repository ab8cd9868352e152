package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

public final class MessageRouteTest {

    private final MessageRoute underTest = MessageRoute.of(Groups.EDGED, Groups.META, Operations.UPDATE,
            "default/nodestatus/edge-node-1");

    @Test
    void toJsonReturnsExpected() {
        final JsonObject expected = Json.createObjectBuilder().add(MessageRoute.JsonFields.SOURCE, "edged")
                .add(MessageRoute.JsonFields.DESTINATION, "metamanager").add(MessageRoute.JsonFields.GROUP, "meta")
                .add(MessageRoute.JsonFields.OPERATION, "update")
                .add(MessageRoute.JsonFields.RESOURCE, "default/nodestatus/edge-node-1").build();

        assertEquals(expected, underTest.withDestination("metamanager").toJson());
    }

    @Test
    void fromJsonReturnsExpected() {
        assertEquals(underTest, MessageRoute.fromJson(underTest.toJson()));
    }

    @Test
    void tryToCreateInstanceWithUnknownOperation() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageRoute.of("a", "b", "INSERT", "r"));
        assertTrue(e.getMessage().startsWith("Unknown operation 'INSERT'; known operations: "), e.getMessage());
    }

    @Test
    void tryToCreateInstanceWithEmptyResourceOrNull() {
        assertThrows(IllegalArgumentException.class, () -> MessageRoute.of("a", "b", Operations.QUERY, ""));
        assertThrows(NullPointerException.class, () -> MessageRoute.of(null, "b", Operations.QUERY, "r"));
        assertThrows(NullPointerException.class, () -> underTest.withGroup(null));
    }

    @Test
    void equalsAndHashCode() {
        final MessageRoute same = MessageRoute.of("edged", "meta", "update", "default/nodestatus/edge-node-1");

        assertEquals(underTest, same);
        assertEquals(underTest.hashCode(), same.hashCode());
        assertNotEquals(underTest, underTest.withSource("x"));
        assertNotEquals(underTest, underTest.withDestination("x"));
        assertNotEquals(underTest, underTest.withGroup("x"));
        assertNotEquals(underTest, underTest.withOperation(Operations.PATCH));
        assertNotEquals(underTest, underTest.withResource("x"));
        assertTrue(underTest.toString().contains("operation=update"));
    }
}

package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What an edge can make CloudCore's decoder hold is bounded in values and nesting, not only in bytes. */
public final class JsonBoundsTest {

    private final MessageCodec underTest = MessageCodec.create();

    private static String message(final String content) {
        return "{\"header\":{\"msg_id\":\"m1\",\"timestamp\":1},\"route\":{\"source\":\"edged\",\"group\":\"meta\","
                + "\"operation\":\"update\",\"resource\":\"default/podstatus/p\"},\"content\":" + content + "}";
    }

    @Test
    void millionsOfTinyArraysAreRefusedBeforeATreeIsBuilt() {
        final StringBuilder content = new StringBuilder("[");
        for (int i = 0; i < 400_000; i++) {
            content.append(i == 0 ? "" : ",").append("[[1]]");
        }
        content.append(']');
        final MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> underTest.decode(message(content.toString())));
        assertTrue(e.getMessage().contains("more than " + JsonBounds.MAX_VALUES), e.getMessage());
        assertEquals(JsonBounds.class.getName(), e.getStackTrace()[0].getClassName(),
                "refused by the streaming pass, before a tree is built");
    }

    @Test
    void deepNestingIsRefused() {
        final String deep = "[".repeat(JsonBounds.MAX_DEPTH + 1) + "]".repeat(JsonBounds.MAX_DEPTH + 1);
        final MessageFormatException e = assertThrows(MessageFormatException.class, () -> underTest.decode(message(deep)));
        assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
    }

    @Test
    void messagesWithinTheBoundsDecode() {
        final String nested = "[".repeat(50) + "1" + "]".repeat(50);
        assertEquals(JsonValueTypeHolder.ARRAY, underTest.decode(message(nested)).content().getValueType());
        final StringBuilder wide = new StringBuilder("[");
        for (int i = 0; i < 100_000; i++) {
            wide.append(i == 0 ? "" : ",").append(i);
        }
        assertEquals(100_000, underTest.decode(message(wide.append(']').toString())).content().asJsonArray().size());
    }

    @Test
    void malformedJsonIsStillReportedWithItsPosition() {
        final MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> underTest.decode("{\"header\": [1,,2]}"));
        assertTrue(e.getMessage().contains("Malformed JSON"), e.getMessage());
    }

    /** Shortens the value type name. */
    private static final class JsonValueTypeHolder {
        static final jakarta.json.JsonValue.ValueType ARRAY = jakarta.json.JsonValue.ValueType.ARRAY;
    }
}

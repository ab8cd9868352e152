package org.kubeedgej.shared.model;

import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Reads JSON that came from outside the process (an MQTT payload, a local HTTP body) within {@link JsonBounds}: a
 * tree is built only for text that nests at most 100 deep and holds at most 250,000 values. Without the check, a
 * 40 kB payload nested 20,000 deep overflows the reading thread's stack (edgecore runs with small stacks) and kills
 * the module that reads it.
 */
public final class BoundedJson {

    private BoundedJson() {
        throw new AssertionError("no instances");
    }

    /**
     * @param text JSON text
     * @return its value
     * @throws JsonException when it is not JSON, or nests or holds too much (the message says which)
     */
    public static JsonValue read(final String text) {
        try {
            JsonBounds.check(text);
        } catch (MessageFormatException e) {
            throw new JsonException(e.getMessage(), e);
        }
        try (JsonReader reader = JsonReading.provider().createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}

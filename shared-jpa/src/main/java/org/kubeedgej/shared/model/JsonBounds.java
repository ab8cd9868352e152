package org.kubeedgej.shared.model;

import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * Bounds what decoding a message may cost in memory, before any tree is built: one streaming pass counts nesting
 * and values. A tree costs some 75 times the text for tiny values ({@code [[1]],[[1]],...}: 17 MB of text took a
 * 1 GiB heap), so a byte limit alone does not bound the heap. The limits sit far above any KubeEdge message: objects
 * nest about fifteen deep, and a large pod is a few thousand values.
 */
final class JsonBounds {

    /** Deepest nesting of arrays and objects. */
    static final int MAX_DEPTH = 100;
    /** Most values (scalars, arrays and objects) in one message. */
    static final int MAX_VALUES = 250_000;

    private JsonBounds() {
        throw new AssertionError("no instances");
    }

    /**
     * @param json the message text
     * @throws MessageFormatException when it nests too deep or holds too many values (a parse error is left to the
     *     decoder, which reports it with its position)
     * @throws jakarta.json.JsonException when the text is not JSON
     */
    static void check(final String json) {
        int depth = 0;
        int values = 0;
        try (JsonParser parser = JsonReading.provider().createParser(new StringReader(json))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_ARRAY, START_OBJECT -> {
                        if (++depth > MAX_DEPTH) {
                            throw new MessageFormatException(null, "the message nests deeper than " + MAX_DEPTH
                                    + " levels; refused before decoding");
                        }
                        values++;
                    }
                    case END_ARRAY, END_OBJECT -> depth--;
                    case KEY_NAME -> {
                        // a key is not a value; its value is counted when it comes
                    }
                    default -> values++;
                }
                if (values > MAX_VALUES) {
                    throw new MessageFormatException(null, "the message holds more than " + MAX_VALUES
                            + " JSON values; refused before decoding (it would take far more memory than its size)");
                }
            }
        }
    }
}

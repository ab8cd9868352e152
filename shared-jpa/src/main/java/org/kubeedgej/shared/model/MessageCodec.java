package org.kubeedgej.shared.model;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes and decodes {@link Message}s as the JSON that Go's {@code encoding/json} makes for KubeEdge's
 * {@code model.Message}: compact, keys in struct order ({@code header}, {@code route}, {@code content}), empty
 * optional fields omitted, {@code route} always present, Go's string escaping, UTF-8. Object keys inside the content
 * keep the order they were read or built in. Gorilla's {@code WriteJSON} adds one {@code '\n'} after the JSON; the
 * encoder does not, the decoder accepts surrounding whitespace.
 *
 * <p>Thread-safe and stateless.
 */
public final class MessageCodec {

    private static final MessageCodec INSTANCE = new MessageCodec();

    private MessageCodec() {
    }

    /** @return the codec. */
    public static MessageCodec create() {
        return INSTANCE;
    }

    /**
     * @param message the message.
     * @return its JSON.
     */
    public String encodeToString(final Message message) {
        final StringBuilder out = new StringBuilder(256);
        GoJson.writeValue(out, Objects.requireNonNull(message, "message").toJson());
        return out.toString();
    }

    /**
     * @param message the message.
     * @return its JSON as UTF-8 bytes.
     */
    public byte[] encode(final Message message) {
        return encodeToString(message).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param json UTF-8 JSON bytes.
     * @return the message.
     * @throws MessageFormatException if the bytes are not a valid KubeEdge message.
     */
    public Message decode(final byte[] json) {
        return decode(new String(Objects.requireNonNull(json, "json"), StandardCharsets.UTF_8));
    }

    /**
     * @param json a JSON document.
     * @return the message.
     * @throws MessageFormatException if the JSON is malformed, nests deeper or holds more values than
     * {@link JsonBounds} allows (checked by streaming, before a tree is built), is not an object, lacks {@code header},
     * {@code route}, {@code header.msg_id}, {@code route.operation} or {@code route.resource}, has a field of the
     * wrong type or an unknown operation.
     */
    public Message decode(final String json) {
        Objects.requireNonNull(json, "json");
        final JsonValue value;
        try {
            JsonBounds.check(json);
        } catch (final JsonParsingException e) {
            throw new MessageFormatException("Malformed JSON at " + describe(e.getLocation()) + ": " + e.getMessage(),
                    e);
        } catch (final JsonException e) {
            throw new MessageFormatException("Malformed JSON: " + e.getMessage(), e);
        }
        try (JsonParser parser = JsonReading.provider().createParser(new StringReader(json))) {
            if (!parser.hasNext()) {
                throw new MessageFormatException(null, "Malformed JSON: the input is empty");
            }
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw new MessageFormatException(null, "Malformed JSON: unexpected data after the message at "
                        + describe(parser.getLocation()));
            }
        } catch (final JsonParsingException e) {
            throw new MessageFormatException("Malformed JSON at " + describe(e.getLocation()) + ": " + e.getMessage(),
                    e);
        } catch (final JsonException e) {
            throw new MessageFormatException("Malformed JSON: " + e.getMessage(), e);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MessageFormatException(null, "A message must be a JSON object but was " + value.getValueType());
        }
        return Message.fromJson(value.asJsonObject());
    }

    private static String describe(final JsonLocation at) {
        return at == null ? "an unknown position" : "line " + at.getLineNumber() + ", column " + at.getColumnNumber();
    }
}

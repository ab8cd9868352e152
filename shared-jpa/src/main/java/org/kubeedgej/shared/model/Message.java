package org.kubeedgej.shared.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A KubeEdge message (beehive {@code model.Message}): header, route and any JSON content. Content that Go sends as
 * {@code []byte} travels as a base64 string; see {@link #binaryContent(byte[])} and {@link #contentBytes()}.
 */
public final class Message {

    /** The JSON keys, in the order Go writes them. */
    public static final class JsonFields {
        public static final String HEADER = "header";
        public static final String ROUTE = "route";
        public static final String CONTENT = "content";

        private JsonFields() {
            throw new AssertionError("no instances");
        }
    }

    /** The content of an ack, as the edge MetaManager sends it ({@code NewRespByMessage(msg, "OK")}). */
    public static final String ACK_CONTENT = "OK";

    private final MessageHeader header;
    private final MessageRoute route;
    private final JsonValue content;

    private Message(final MessageHeader header, final MessageRoute route, final JsonValue content) {
        this.header = Objects.requireNonNull(header, "header");
        this.route = Objects.requireNonNull(route, "route");
        this.content = content == null ? JsonValue.NULL : content;
    }

    /**
     * @param header the header.
     * @param route the route.
     * @param content the content; {@code null} means JSON {@code null}.
     * @return the message.
     * @throws NullPointerException if header or route is {@code null}.
     */
    public static Message of(final MessageHeader header, final MessageRoute route, final JsonValue content) {
        return new Message(header, route, content);
    }

    /**
     * Creates a new message with a random UUID id and the current time, like Go's {@code model.NewMessage("")}.
     *
     * @param source the sending module, e.g. {@link Groups#EDGECONTROLLER}.
     * @param group the target group, e.g. {@link Groups#RESOURCE}.
     * @param operation a known operation, see {@link Operations}.
     * @param resource the resource string, not empty.
     * @param content the content; {@code null} means JSON {@code null}.
     * @return the new message.
     * @throws IllegalArgumentException if the operation is unknown or the resource is empty.
     */
    public static Message newRequest(final String source, final String group, final String operation,
            final String resource, final JsonValue content) {
        return new Message(MessageHeader.newHeader(), MessageRoute.of(source, group, operation, resource), content);
    }

    /**
     * @param json a message object with {@code header} and {@code route}.
     * @return the message it describes.
     * @throws MessageFormatException if header or route is missing or invalid.
     */
    public static Message fromJson(final JsonObject json) {
        final MessageHeader header = MessageHeader.fromJson(
                JsonReading.requireObject(json, JsonFields.HEADER, JsonFields.HEADER));
        final MessageRoute route = MessageRoute.fromJson(
                JsonReading.requireObject(json, JsonFields.ROUTE, JsonFields.ROUTE));
        return new Message(header, route, json.get(JsonFields.CONTENT));
    }

    /** @return this message as a JSON object, keys in Go's order. */
    public JsonObject toJson() {
        return JsonReading.provider().createObjectBuilder()
                .add(JsonFields.HEADER, header.toJson())
                .add(JsonFields.ROUTE, route.toJson())
                .add(JsonFields.CONTENT, content)
                .build();
    }

    /**
     * Creates the response to this message as Go's {@code NewRespByMessage} does: new id and time, parent id = this
     * id, same source, group, resource and header type, operation {@code response}; no destination.
     *
     * @param responseContent the content of the response; {@code null} means JSON {@code null}.
     * @return the response.
     */
    public Message newResponse(final JsonValue responseContent) {
        final MessageHeader responseHeader = MessageHeader.newHeader().withParentId(header.id()).withType(header.type());
        final MessageRoute responseRoute = MessageRoute.of(route.source(), route.group(), Operations.RESPONSE,
                route.resource());
        return new Message(responseHeader, responseRoute, responseContent);
    }

    /** @return the ack the edge MetaManager sends after storing this message: a response with content "OK". */
    public Message newAck() {
        return newResponse(textContent(ACK_CONTENT));
    }

    /**
     * @param request another message.
     * @return whether this message is a {@code response} or {@code error} whose parent id is the request's id.
     */
    public boolean isResponseTo(final Message request) {
        return header.parentId().equals(request.header.id())
                && (Operations.RESPONSE.equals(route.operation()) || Operations.ERROR.equals(route.operation()));
    }

    /** @param text a string. @return it as JSON string content. */
    public static JsonValue textContent(final String text) {
        return JsonReading.provider().createValue(Objects.requireNonNull(text, "text"));
    }

    /** @param data bytes. @return them as Go writes {@code []byte}: a standard base64 string with padding. */
    public static JsonValue binaryContent(final byte[] data) {
        return textContent(Base64.getEncoder().encodeToString(Objects.requireNonNull(data, "data")));
    }

    /** @return the header. */
    public MessageHeader header() {
        return header;
    }

    /** @return the route. */
    public MessageRoute route() {
        return route;
    }

    /** @return the content, {@link JsonValue#NULL} if none. */
    public JsonValue content() {
        return content;
    }

    /**
     * @return the content string.
     * @throws IllegalStateException if the content is not a JSON string.
     */
    public String contentString() {
        if (content.getValueType() != JsonValue.ValueType.STRING) {
            throw new IllegalStateException("The content is " + content.getValueType() + ", not a string");
        }
        return ((JsonString) content).getString();
    }

    /**
     * @return the bytes of binary content (a base64 string, as Go writes {@code []byte}).
     * @throws IllegalStateException if the content is not a string or not valid base64.
     */
    public byte[] contentBytes() {
        try {
            return Base64.getDecoder().decode(contentString());
        } catch (final IllegalArgumentException e) {
            throw new IllegalStateException("The content is not base64: " + e.getMessage(), e);
        }
    }

    /** @return like Go's {@code GetContentData}: a string's UTF-8 bytes, other content as Go-style JSON bytes. */
    public byte[] contentData() {
        if (content.getValueType() == JsonValue.ValueType.STRING) {
            return contentString().getBytes(StandardCharsets.UTF_8);
        }
        final StringBuilder out = new StringBuilder();
        GoJson.writeValue(out, content);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @param newHeader the header. @return a copy with it. */
    public Message withHeader(final MessageHeader newHeader) {
        return new Message(newHeader, route, content);
    }

    /** @param newRoute the route. @return a copy with it. */
    public Message withRoute(final MessageRoute newRoute) {
        return new Message(header, newRoute, content);
    }

    /** @param newContent the content, {@code null} for JSON null. @return a copy with it. */
    public Message withContent(final JsonValue newContent) {
        return new Message(header, route, newContent);
    }

    @Override
    public boolean equals(final Object o) {
        return this == o || o instanceof Message that && header.equals(that.header) && route.equals(that.route)
                && content.equals(that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, route, content);
    }

    @Override
    public String toString() {
        final String shown = content.toString();
        return "Message[" + header + ", " + route + ", content="
                + (shown.length() > 200 ? shown.substring(0, 197) + "..." : shown) + "]";
    }
}

package org.kubeedgej.shared.model;

/**
 * Thrown when bytes or a string cannot be read as a KubeEdge message or resource string: malformed JSON, a missing
 * or mistyped field, an unknown operation or a malformed resource path.
 *
 * <p>It is unchecked and extends {@link IllegalArgumentException}, because the input given to the decoder is illegal.
 */
public final class MessageFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The JSON path of the offending field, e.g. {@code header.timestamp}, or {@code null}. */
    private final String field;

    /**
     * Creates an exception about one field.
     *
     * @param field the JSON path of the offending field (e.g. {@code header.msg_id}), or {@code null} if none applies.
     * @param message what is wrong; it should name the field and the value seen.
     */
    public MessageFormatException(final String field, final String message) {
        super(message);
        this.field = field;
    }

    /**
     * Creates an exception caused by another exception, e.g. a JSON parsing error.
     *
     * @param message what is wrong.
     * @param cause the underlying exception.
     */
    public MessageFormatException(final String message, final Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    /**
     * @return the JSON path of the offending field (e.g. {@code route.operation}), or {@code null} if the problem
     * concerns the document as a whole.
     */
    public String field() {
        return field;
    }
}

package org.kubeedgej.shared.stream;

/** A stream tunnel frame or connect request that cannot be read; the message names what is wrong. */
public class StreamFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StreamFormatException(String message) {
        super(message);
    }
}

package org.kubeedgej.shared.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the message fixtures under {@code src/test/resources/messages/}. */
final class Fixtures {

    static final String POD_INSERT = "pod-insert.json";
    static final String ACK_RESPONSE = "ack-response.json";
    static final String KEEPALIVE = "keepalive.json";
    static final String NODESTATUS_UPDATE = "nodestatus-update.json";
    static final String TWIN_MEMBERSHIP = "twin-membership.json";
    static final String BINARY_CONTENT = "binary-content.json";
    static final String BINARY_CONTENT_BYTES = "binary-content.bin";

    private Fixtures() {
    }

    static byte[] bytes(final String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/messages/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No fixture " + name);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

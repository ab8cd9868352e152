package org.kubeedgej.devapiserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads request bodies as kube-apiserver does: at most 3 MiB (its default request body limit; more is 413), JSON or
 * Kubernetes protobuf (decoded to the JSON the same object would have had).
 */
final class RequestBodies {
    static final int LIMIT = 3 * 1024 * 1024;
    private static final long DRAINED = 8L * LIMIT;

    private RequestBodies() {
    }

    /**
     * The raw body, refused with 413 beyond the limit. The rest of a refused body is read and dropped (up to
     * {@link #DRAINED} bytes) so that the answer reaches the client: closing a connection with unread data resets it.
     */
    static byte[] read(HttpExchange exchange) throws IOException, StatusException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean declaredTooLong = length != null && length.trim().matches("\\d{1,18}")
                && Long.parseLong(length.trim()) > LIMIT;
        InputStream in = exchange.getRequestBody();
        byte[] body = declaredTooLong ? new byte[0] : in.readNBytes(LIMIT + 1);
        if (declaredTooLong || body.length > LIMIT) {
            drain(in);
            throw new StatusException(StatusResponses.failure(413, "RequestEntityTooLarge",
                    "Request entity too large: limit is " + LIMIT));
        }
        return body;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = DRAINED;
        int read = in.read(buffer);
        while (read > 0 && left > read) {
            left -= read;
            read = in.read(buffer);
        }
    }

    /** The body as JSON (MissingNode when empty), decoded from protobuf when the Content-Type says so. */
    static JsonNode json(HttpExchange exchange) throws IOException, StatusException {
        byte[] body = read(exchange);
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        if (MediaTypes.isProtobuf(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            return ProtobufBodies.decode(body);
        }
        try {
            return Json.parse(body);
        } catch (RuntimeException e) {
            throw new StatusException(StatusResponses.badRequest("the request body is not JSON: " + e.getMessage()));
        }
    }
}

package org.kubeedgej.cloud.cloudstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of an HTTP/1.1 request as the stream port's front reads it off the API server's connection: the request
 * line and the header lines, kept as they came so the front passes them on unchanged but for the lines it adds or
 * drops. Reading is bounded: at most {@value #MAX_HEAD} bytes, and a deadline (with the caller's socket timeout, which
 * bounds each wait, a client trickling bytes is cut off too).
 *
 * @param requestLine e.g. {@code GET /containerLogs/default/hello/hello?tailLines=1 HTTP/1.1}
 * @param headerLines the header lines, without their line ends
 */
record RequestHead(String requestLine, List<String> headerLines) {

    static final int MAX_HEAD = 16 * 1024;

    RequestHead {
        headerLines = List.copyOf(headerLines);
    }

    /** The head does not fit the bound, or is not HTTP/1.x. */
    static final class MalformedHeadException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        MalformedHeadException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** @return the HTTP status to answer with */
        int status() {
            return status;
        }
    }

    /**
     * Reads one head; nothing past its blank line is consumed.
     *
     * @param deadlineNanos when the whole head must have arrived ({@link System#nanoTime()})
     * @return the head, or null when the client closed the connection before sending one
     */
    static RequestHead read(InputStream in, long deadlineNanos) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int last4 = 0;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (java.net.SocketTimeoutException e) {
                throw new MalformedHeadException(408, "no request head within the time allowed");
            }
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new MalformedHeadException(400, "the connection ended inside the request head");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                break;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new MalformedHeadException(408, "the request head did not arrive in time");
            }
            if (head.size() > MAX_HEAD) {
                throw new MalformedHeadException(431, "the request head is longer than " + MAX_HEAD + " bytes");
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (!lines[0].matches("[A-Z]+ \\S+ HTTP/1\\.[01]")) {
            throw new MalformedHeadException(400, "not an HTTP/1.1 request line: "
                    + lines[0].substring(0, Math.min(80, lines[0].length())));
        }
        return new RequestHead(lines[0], List.of(lines).subList(1, lines.length));
    }

    /** @return the request's path and query, as on the request line */
    String target() {
        return requestLine.split(" ")[1];
    }

    /** @return the values of a header, matched without case; comma-separated values are split */
    List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                for (String value : line.substring(colon + 1).split(",")) {
                    values.add(value.strip());
                }
            }
        }
        return values;
    }

    /** @return whether the client asks to switch protocols (exec, attach, port-forward) */
    boolean isUpgrade() {
        return !values("Upgrade").isEmpty()
                && values("Connection").stream().anyMatch(v -> v.equalsIgnoreCase("upgrade"));
    }

    /** @return this head without the named headers (matched without case) and with the given lines added */
    RequestHead without(List<String> names, List<String> added) {
        List<String> kept = new ArrayList<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
            if (names.stream().noneMatch(n -> n.equalsIgnoreCase(name))) {
                kept.add(line);
            }
        }
        kept.addAll(added);
        return new RequestHead(requestLine, kept);
    }

    /** @return the head as it goes on the wire, blank line included */
    byte[] bytes() {
        StringBuilder out = new StringBuilder(requestLine).append("\r\n");
        headerLines.forEach(line -> out.append(line).append("\r\n"));
        return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}

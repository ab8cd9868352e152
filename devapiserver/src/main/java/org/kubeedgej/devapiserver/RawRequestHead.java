package org.kubeedgej.devapiserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The head of an HTTP/1.1 request read off a socket before anything answers it, for the front that must see upgrade
 * requests whole (the JDK HttpServer cannot hand over its connection). Bounded at {@value #MAX_HEAD} bytes.
 *
 * @param bytes the head as read, with its blank line, then whatever of the body came with it
 */
record RawRequestHead(String method, String target, List<Map.Entry<String, String>> headers, byte[] bytes) {

    static final int MAX_HEAD = 64 * 1024;

    /** @return the head, or null when the connection ended before a whole one (or it is not HTTP) */
    static RawRequestHead read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int end = -1;
        while (end < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                return null;
            }
            received.write(buffer, 0, n);
            end = blankLine(received.toByteArray());
            if (end < 0 && received.size() > MAX_HEAD) {
                return null;
            }
        }
        byte[] all = received.toByteArray();
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] request = lines[0].split(" ");
        if (request.length != 3 || !request[2].startsWith("HTTP/1.")) {
            return new RawRequestHead("", "", List.of(), all);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip()));
            }
        }
        return new RawRequestHead(request[0], request[1], List.copyOf(headers), all);
    }

    /** @return the first value of a header (names match without regard to case), or null */
    String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst()
                .orElse(null);
    }

    /** An upgrade request: {@code Connection: Upgrade} and an {@code Upgrade} header. */
    boolean isUpgrade() {
        String connection = header("Connection");
        return connection != null && header("Upgrade") != null && Arrays.stream(connection.split(","))
                .anyMatch(token -> token.strip().equalsIgnoreCase("upgrade"));
    }

    String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    String rawQuery() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** The bytes after the head's blank line: the start of the body or of the upgraded protocol. */
    byte[] afterHead() {
        int end = blankLine(bytes);
        return end < 0 ? new byte[0] : Arrays.copyOfRange(bytes, end + 4, bytes.length);
    }

    private static int blankLine(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

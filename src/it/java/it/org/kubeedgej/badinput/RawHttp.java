package it.org.kubeedgej.badinput;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests a client library would clean up first (paths with "..", odd methods)
 * and for clients that stop half-way.
 */
final class RawHttp {

    /** A response: status code (-1 when the connection ended without one) and the whole text. */
    record Answer(int status, String text) {
    }

    private RawHttp() {
        throw new AssertionError();
    }

    /**
     * @param port a port on 127.0.0.1
     * @param request the request's bytes as sent
     * @return the answer: its head and the body its Content-Length announces (without one, up to the close; the
     *     request should say Connection: close)
     */
    static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String text = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            return new Answer(statusOf(text), text);
        }
    }

    /** @return a request with Host and Connection: close, and the body with its Content-Length when given */
    static byte[] request(String method, String target, String body) {
        StringBuilder text = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        if (body != null) {
            text.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        text.append("\r\n");
        if (body != null) {
            text.append(body);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Answer send(int port, String method, String target, String body) throws IOException {
        return exchange(port, request(method, target, body));
    }

    /** Reads the head and, when it declares a Content-Length, that much body; otherwise until the server closes. */
    private static byte[] readAll(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        long bodyEnd = -1;
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                all.write(b);
                if (bodyEnd < 0) {
                    bodyEnd = bodyEnd(all.toString(StandardCharsets.ISO_8859_1));
                }
                if (bodyEnd >= 0 && all.size() >= bodyEnd) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // what arrived before the reset is the answer
        } catch (SocketTimeoutException slow) {
            throw new AssertionError("the server neither answered nor closed within 15 s; got: "
                    + all.toString(StandardCharsets.ISO_8859_1), slow);
        }
        return all.toByteArray();
    }

    /** @return where the body ends once the head is complete and has a Content-Length, else -1 */
    private static long bodyEnd(String text) {
        int head = text.indexOf("\r\n\r\n");
        if (head < 0 || !text.endsWith("\r\n\r\n") || head != text.length() - 4) {
            return -1;
        }
        for (String line : text.substring(0, head).split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return head + 4 + Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return Long.MAX_VALUE;
    }

    private static int statusOf(String text) {
        if (!text.startsWith("HTTP/1.")) {
            return -1;
        }
        int space = text.indexOf(' ');
        return Integer.parseInt(text.substring(space + 1, space + 4));
    }
}

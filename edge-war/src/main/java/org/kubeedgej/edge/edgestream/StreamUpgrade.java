package org.kubeedgej.edge.edgestream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.kubeedgej.shared.stream.StreamConnectRequest;

/**
 * The HTTP side of an exec or attach that comes over the tunnel: KubeEdge's CloudStream replays the API server's
 * upgrade request and copies back whatever the edge answers, so the edge answers as the kubelet does: 101 to SPDY/3.1
 * with the remote command protocol it picked, or a plain HTTP error that the API server passes on to kubectl.
 */
final class StreamUpgrade {

    /** The kubelet's remote command protocols over SPDY, best first. */
    static final List<String> PROTOCOLS = List.of("v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io",
            "channel.k8s.io");
    static final String SPDY = "SPDY/3.1";

    private StreamUpgrade() {
        throw new AssertionError();
    }

    /**
     * @return the protocol both sides speak
     * @throws UpgradeRefusedException with the kubelet's status and words when the request is not an upgrade to SPDY
     *     or shares no protocol with it
     */
    static String negotiate(StreamConnectRequest request) throws UpgradeRefusedException {
        boolean upgrade = request.headerValues("Connection").stream()
                .flatMap(v -> Arrays.stream(v.split(","))).anyMatch(v -> v.strip().equalsIgnoreCase("upgrade"));
        List<String> to = request.headerValues("Upgrade");
        if (!upgrade || to.isEmpty()) {
            throw new UpgradeRefusedException(400, "Bad Request", "unable to upgrade: missing upgrade headers in"
                    + " request");
        }
        if (to.stream().noneMatch(v -> v.strip().equalsIgnoreCase(SPDY))) {
            throw new UpgradeRefusedException(400, "Bad Request", "unable to upgrade: this edge streams over "
                    + SPDY + ", not " + to);
        }
        List<String> offered = request.headerValues("X-Stream-Protocol-Version").stream()
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).toList();
        if (offered.isEmpty()) {
            throw new UpgradeRefusedException(400, "Bad Request", "unable to upgrade: X-Stream-Protocol-Version is"
                    + " required");
        }
        return offered.stream().filter(PROTOCOLS::contains).findFirst()
                .orElseThrow(() -> new UpgradeRefusedException(403, "Forbidden", "unable to upgrade: unable to"
                        + " negotiate protocol: client supports " + offered + ", server accepts " + PROTOCOLS));
    }

    /** The kubelet's 101 answer. */
    static byte[] switching(String protocol) {
        return ("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: " + SPDY
                + "\r\nX-Stream-Protocol-Version: " + protocol + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A plain-text HTTP error that ends the connection, as Go's {@code http.Error} writes it. */
    static byte[] error(int status, String reason, String message) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "X-Content-Type-Options: nosniff\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] bytes = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + body.length);
        System.arraycopy(body, 0, bytes, head.length(), body.length);
        return bytes;
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> "Internal Server Error";
        };
    }

    /** An upgrade the edge turns down, with what to answer. */
    static final class UpgradeRefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String reason;

        UpgradeRefusedException(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }

        byte[] answer() {
            return error(status, reason, getMessage());
        }
    }
}

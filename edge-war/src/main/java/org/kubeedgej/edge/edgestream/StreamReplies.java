package org.kubeedgej.edge.edgestream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.kubeedgej.shared.stream.StreamMessage;
import org.kubeedgej.shared.stream.StreamMessageType;

/** Answers over the tunnel: data in frames of at most {@value #MAX_DATA} bytes, and the end of a connection. */
final class StreamReplies {

    static final int MAX_DATA = 32 * 1024;

    private StreamReplies() {
        throw new AssertionError();
    }

    /** @return false when the tunnel is gone */
    static boolean data(long id, byte[] data, StreamSender tunnel) {
        for (int from = 0; from < data.length; from += MAX_DATA) {
            byte[] chunk = Arrays.copyOfRange(data, from, Math.min(data.length, from + MAX_DATA));
            if (!tunnel.send(new StreamMessage(id, StreamMessageType.DATA, chunk))) {
                return false;
            }
        }
        return true;
    }

    static void end(long id, StreamSender tunnel) {
        tunnel.send(StreamMessage.of(id, StreamMessageType.REMOVE_CONNECT));
    }

    /** A connection this edge cannot serve: the reason as its data, then its end. */
    static void refuse(long id, String reason, StreamSender tunnel) {
        data(id, reason.getBytes(StandardCharsets.UTF_8), tunnel);
        end(id, tunnel);
    }
}

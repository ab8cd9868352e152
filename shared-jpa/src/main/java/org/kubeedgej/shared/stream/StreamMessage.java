package org.kubeedgej.shared.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One frame of the stream tunnel, as KubeEdge writes it ({@code Message.Bytes()}): the connection id and the type as
 * unsigned varints (Go's {@code binary.PutUvarint}), then the data, which runs to the end of the WebSocket message.
 *
 * @param connectId the API server connection the frame belongs to (0 for the whole tunnel)
 * @param data owned by the message: copied in, never handed out for writing
 */
public record StreamMessage(long connectId, StreamMessageType type, byte[] data) {

    /** At most 10 bytes each for two uvarints. */
    private static final int MAX_HEADER = 20;

    public StreamMessage {
        if (connectId < 0) {
            throw new IllegalArgumentException("connection id must not be negative: " + connectId);
        }
        data = data == null ? new byte[0] : data.clone();
    }

    public static StreamMessage of(long connectId, StreamMessageType type) {
        return new StreamMessage(connectId, type, null);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_HEADER + data.length);
        putUvarint(out, connectId);
        putUvarint(out, type.code());
        out.writeBytes(data);
        return out.toByteArray();
    }

    /**
     * @param maxData the most data a frame may carry; longer frames are refused rather than truncated
     * @throws StreamFormatException when the header is cut short, the type unknown or the data too long
     */
    public static StreamMessage decode(ByteBuffer frame, int maxData) {
        long id = uvarint(frame, "connection id");
        long code = uvarint(frame, "message type");
        StreamMessageType type = StreamMessageType.of(code).orElseThrow(() -> new StreamFormatException(
                "unknown stream message type " + code + " (KubeEdge's types are 0-6)"));
        if (frame.remaining() > maxData) {
            throw new StreamFormatException("stream frame of " + frame.remaining() + " data bytes is over the limit of "
                    + maxData);
        }
        byte[] data = new byte[frame.remaining()];
        frame.get(data);
        return new StreamMessage(id, type, data);
    }

    private static void putUvarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long uvarint(ByteBuffer in, String what) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new StreamFormatException("stream frame ends inside its " + what);
            }
            int b = in.get() & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw new StreamFormatException(what + " does not fit a signed 64-bit number");
                }
                return value;
            }
        }
        throw new StreamFormatException(what + " is longer than a 64-bit varint");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamMessage m && m.connectId == connectId && m.type == type
                && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(connectId) * 31 + type.hashCode() * 17 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "stream message " + type + " of connection " + connectId + " (" + data.length + " bytes)";
    }
}

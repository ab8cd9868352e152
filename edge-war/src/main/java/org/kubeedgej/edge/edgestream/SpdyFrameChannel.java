package org.kubeedgej.edge.edgestream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * SPDY/3.1 framing, from Netty's codec run on an embedded channel: bytes from the tunnel in, frames out, and frames in,
 * bytes for the tunnel out. The header blocks' zlib streams live for the whole connection, so one instance serves one
 * connection, and callers hold its lock. Data frames come in pieces of at most {@value #MAX_CHUNK} bytes and header
 * blocks are refused past {@value #MAX_HEADER_BLOCK} bytes, so a peer cannot make it buffer much.
 */
final class SpdyFrameChannel implements AutoCloseable {

    static final int MAX_CHUNK = 8192;
    static final int MAX_HEADER_BLOCK = 16 * 1024;

    private final EmbeddedChannel channel = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1, MAX_CHUNK,
            MAX_HEADER_BLOCK, 6, 15, 8));

    /**
     * @return the whole frames the bytes complete; data frames own a buffer the caller releases
     * @throws io.netty.handler.codec.spdy.SpdyProtocolException when the bytes are not SPDY/3.1
     */
    synchronized List<SpdyFrame> decode(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        channel.checkException();
        List<SpdyFrame> frames = new ArrayList<>();
        Object frame;
        while ((frame = channel.readInbound()) != null) {
            if (frame instanceof SpdyFrame spdy) {
                frames.add(spdy);
            } else {
                ReferenceCountUtil.release(frame);
            }
        }
        return frames;
    }

    /** @return the frames' bytes on the wire, in order */
    synchronized byte[] encode(SpdyFrame... frames) {
        for (SpdyFrame frame : frames) {
            channel.write(frame);
        }
        channel.flush();
        channel.checkException();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf buffer;
        while ((buffer = channel.readOutbound()) != null) {
            try {
                byte[] bytes = new byte[buffer.readableBytes()];
                buffer.readBytes(bytes);
                out.writeBytes(bytes);
            } finally {
                buffer.release();
            }
        }
        return out.toByteArray();
    }

    @Override
    public synchronized void close() {
        channel.finishAndReleaseAll();
    }
}

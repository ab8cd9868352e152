package org.kubeedgej.edge.edgestream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.edged.ContainerStream;
import org.kubeedgej.edge.edged.ContainerStreamRequest;
import org.kubeedgej.edge.edged.ContainerStreamSink;
import org.kubeedgej.edge.edged.ContainerStreams;
import org.kubeedgej.shared.stream.StreamMessage;
import org.kubeedgej.shared.stream.StreamMessageType;

/**
 * The kubelet's remote command protocol as kubectl drives it over SPDY/3.1: a client made of Netty's SPDY codec
 * opens the streams, the session replies and starts the process once all are open, and the process's output, its
 * end and its exit code come back as kubectl reads them.
 */
class RemoteCommandSessionTest {

    private final List<StreamMessage> sent = new CopyOnWriteArrayList<>();
    private final EmbeddedChannel client = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final FakeProcess process = new FakeProcess();
    private final Map<Integer, ByteArrayOutputStream> received = new ConcurrentHashMap<>();

    @Test
    void theProcessStartsOnceEveryStreamIsOpenAndItsOutputAndExitCodeComeBack() {
        RemoteCommandSession session = session(request(true));
        open(session, 1, "error");
        open(session, 3, "stdin");
        open(session, 5, "stdout");
        assertEquals(null, process.sink, "stderr is not open yet");
        session.receive(clientBytes(data(3, "abc", false)));
        open(session, 7, "stderr");
        await(() -> process.sink != null);
        session.receive(clientBytes(data(3, "def", true)));
        await(() -> process.stdinClosed);
        assertEquals("abcdef", process.stdin.toString(StandardCharsets.UTF_8),
                "input sent before the process started is kept for it, then the rest, in order");
        session.receive(clientBytes(new DefaultSpdyPingFrame(1)));
        process.sink.stdout("out-1\n".getBytes(StandardCharsets.UTF_8));
        process.sink.stderr("err-1\n".getBytes(StandardCharsets.UTF_8));
        process.sink.exited(3, null);
        List<SpdyFrame> frames = serverFrames();
        assertEquals(4, frames.stream().filter(f -> f instanceof SpdySynReplyFrame).count());
        assertTrue(frames.stream().anyMatch(f -> f instanceof SpdyPingFrame p && p.id() == 1), "a ping is echoed");
        assertEquals("out-1\n", text(5));
        assertEquals("err-1\n", text(7));
        String status = text(1);
        assertTrue(status.contains("\"reason\":\"NonZeroExitCode\"") && status.contains("\"message\":\"3\""),
                status);
        assertTrue(frames.stream().anyMatch(f -> f instanceof SpdyGoAwayFrame));
        assertEquals(StreamMessageType.REMOVE_CONNECT, sent.get(sent.size() - 1).type());
    }

    @Test
    void aCleanExitIsSuccess() {
        RemoteCommandSession session = session(request(false));
        open(session, 1, "error");
        open(session, 3, "stdout");
        open(session, 5, "stderr");
        await(() -> process.sink != null);
        process.sink.exited(0, null);
        serverFrames();
        assertEquals("{\"metadata\":{},\"status\":\"Success\"}", text(1));
    }

    private RemoteCommandSession session(ContainerStreamRequest request) {
        ContainerStreams containers = new ContainerStreams() {
            @Override
            public ContainerStream start(String containerId, ContainerStreamRequest r, ContainerStreamSink sink) {
                process.sink = sink;
                return process;
            }
        };
        return new RemoteCommandSession(9, message -> sent.add(message), "v4.channel.k8s.io", request, "c1",
                containers, threads, () -> { });
    }

    /** The session hands the process start and the input pump to other threads, as on the server. */
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(condition.getAsBoolean(), "the session did not get there");
    }

    private static ContainerStreamRequest request(boolean stdin) {
        return ContainerStreamRequest.parse("/exec/default/web/main", (stdin ? "input=1&" : "")
                + "output=1&error=1&command=sh");
    }

    private void open(RemoteCommandSession session, int id, String type) {
        DefaultSpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        frame.headers().set("streamtype", type);
        session.receive(clientBytes(frame));
    }

    private static SpdyDataFrame data(int stream, String text, boolean last) {
        SpdyDataFrame frame = new DefaultSpdyDataFrame(stream, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        frame.setLast(last);
        return frame;
    }

    private byte[] clientBytes(SpdyFrame frame) {
        client.writeOutbound(frame);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf buffer;
        while ((buffer = client.readOutbound()) != null) {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            out.writeBytes(bytes);
            buffer.release();
        }
        return out.toByteArray();
    }

    /** Everything the session sent, decoded as kubectl's side would; data is gathered per stream. */
    private List<SpdyFrame> serverFrames() {
        List<SpdyFrame> frames = new ArrayList<>();
        for (StreamMessage message : sent) {
            if (message.type() == StreamMessageType.DATA) {
                client.writeInbound(Unpooled.wrappedBuffer(message.data()));
            }
        }
        Object frame;
        while ((frame = client.readInbound()) != null) {
            if (frame instanceof SpdyDataFrame data) {
                byte[] bytes = new byte[data.content().readableBytes()];
                data.content().readBytes(bytes);
                received.computeIfAbsent(data.streamId(), s -> new ByteArrayOutputStream()).writeBytes(bytes);
                data.release();
            }
            frames.add((SpdyFrame) frame);
        }
        return frames;
    }

    private String text(int stream) {
        return received.getOrDefault(stream, new ByteArrayOutputStream()).toString(StandardCharsets.UTF_8);
    }

    /** A process that records its input. */
    private static final class FakeProcess implements ContainerStream {
        volatile ContainerStreamSink sink;
        final java.io.ByteArrayOutputStream stdin = new java.io.ByteArrayOutputStream();
        volatile boolean stdinClosed;

        @Override
        public void stdin(byte[] data) {
            stdin.writeBytes(data);
        }

        @Override
        public void closeStdin() {
            stdinClosed = true;
        }

        @Override
        public void resize(int width, int height) {
        }

        @Override
        public void close() {
        }
    }
}

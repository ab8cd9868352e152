package org.kubeedgej.edge.edgestream;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import org.kubeedgej.edge.edged.ContainerStream;
import org.kubeedgej.edge.edged.ContainerStreamException;
import org.kubeedgej.edge.edged.ContainerStreamRequest;
import org.kubeedgej.edge.edged.ContainerStreamSink;
import org.kubeedgej.edge.edged.ContainerStreams;
import org.kubeedgej.shared.stream.StreamMessage;

/**
 * One exec or attach after the 101: the kubelet's remote command protocol over SPDY/3.1, carried in the tunnel's DATA
 * frames. The client opens one SPDY stream per channel (header {@code streamType}: error, stdin, stdout, stderr,
 * resize); once all it asked for are open the process starts; its output goes back on stdout and stderr, and at its
 * end the error stream carries the {@link ExecStatus}, the streams are finished and the session goes away. Like
 * Kubernetes' own SPDY peers it keeps no flow-control windows (they send no WINDOW_UPDATE and ignore ours).
 */
final class RemoteCommandSession implements ContainerStreamSink {

    private static final Logger LOG = Logger.getLogger(RemoteCommandSession.class.getName());

    private final long id;
    private final StreamSender tunnel;
    private final String protocol;
    private final ContainerStreamRequest request;
    private final String containerId;
    private final ContainerStreams containers;
    private final Executor executor;
    private final Runnable onEnd;
    private final SpdyFrameChannel spdy = new SpdyFrameChannel();
    private final Map<String, Integer> streams = new HashMap<>();
    private final StdinPump stdin;
    private final StringBuilder resizes = new StringBuilder();
    private ContainerStream process;
    private boolean starting;
    private boolean ended;
    /** When data last went either way: the kubelet's idle timeout counts from it (pings do not count). */
    private volatile long lastDataNanos = System.nanoTime();

    RemoteCommandSession(long id, StreamSender tunnel, String protocol, ContainerStreamRequest request,
            String containerId, ContainerStreams containers, Executor executor, Runnable onEnd) {
        this.id = id;
        this.tunnel = tunnel;
        this.protocol = protocol;
        this.request = request;
        this.containerId = containerId;
        this.containers = containers;
        this.executor = executor;
        this.onEnd = onEnd;
        this.stdin = new StdinPump(request.toString(), () -> fail("the process of " + request
                + " does not read its input fast enough"));
    }

    /** The channels the client must open before the process starts, as the kubelet counts them. */
    Set<String> expectedStreams() {
        Set<String> expected = new HashSet<>();
        if (!protocol.equals("channel.k8s.io")) {
            expected.add("error");
        }
        if (request.stdin()) {
            expected.add("stdin");
        }
        if (request.stdout()) {
            expected.add("stdout");
        }
        if (request.stderr()) {
            expected.add("stderr");
        }
        if (request.tty() && (protocol.startsWith("v3.") || protocol.startsWith("v4."))) {
            expected.add("resize");
        }
        return expected;
    }

    /** Bytes from the client, through the tunnel. */
    void receive(byte[] bytes) {
        java.util.List<SpdyFrame> frames;
        synchronized (this) {
            if (ended) {
                return;
            }
            try {
                frames = spdy.decode(bytes);
            } catch (Exception e) { // Netty's codec throws its checked SpdyProtocolException unchecked
                LOG.warning(() -> request + ": the client's bytes are not SPDY/3.1 (" + e.getMessage()
                        + "); ending the session");
                end();
                return;
            }
        }
        for (SpdyFrame frame : frames) {
            try {
                handle(frame);
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
    }

    private synchronized void handle(SpdyFrame frame) {
        if (frame instanceof SpdySynStreamFrame open) {
            String type = open.headers().getAsString("streamtype");
            // Netty writes an empty header block as no bytes at all, which Go's framer (kubectl's) cannot read: it
            // expects a compressed count. The reply names the stream's type, which clients ignore.
            DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(open.streamId());
            reply.headers().set("streamtype", type == null ? "unknown" : type);
            emit(reply);
            if (type != null && !streams.containsKey(type)) {
                streams.put(type, open.streamId());
            }
            if (!starting && streams.keySet().containsAll(expectedStreams())) {
                starting = true;
                executor.execute(this::startProcess);
            }
        } else if (frame instanceof SpdyDataFrame data) {
            lastDataNanos = System.nanoTime();
            Integer stream = data.streamId();
            byte[] bytes = new byte[data.content().readableBytes()];
            data.content().readBytes(bytes);
            if (stream.equals(streams.get("stdin"))) {
                stdin.offer(bytes, data.isLast());
            } else if (stream.equals(streams.get("resize"))) {
                resize(bytes);
            }
        } else if (frame instanceof SpdyRstStreamFrame reset && Integer.valueOf(reset.streamId())
                .equals(streams.get("stdin"))) {
            stdin.offer(new byte[0], true);
        } else if (frame instanceof SpdyPingFrame ping) {
            emit(new DefaultSpdyPingFrame(ping.id()));
        } else if (frame instanceof SpdyGoAwayFrame) {
            LOG.fine(() -> request + ": the client went away");
            end();
        }
    }

    private void startProcess() {
        ContainerStream started;
        try {
            started = containers.start(containerId, request, this);
        } catch (ContainerStreamException e) {
            exited(null, e.getMessage());
            return;
        }
        synchronized (this) {
            if (ended) {
                started.close();
                return;
            }
            process = started;
        }
        stdin.start(started, executor);
    }

    /** The JSON sizes kubectl writes on the resize stream, one object after another. */
    private void resize(byte[] bytes) {
        resizes.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        int close;
        while ((close = resizes.indexOf("}")) >= 0) {
            String one = resizes.substring(0, close + 1);
            resizes.delete(0, close + 1);
            int width = field(one, "Width");
            int height = field(one, "Height");
            if (process != null && width > 0 && height > 0) {
                ContainerStream target = process;
                executor.execute(() -> target.resize(width, height));
            }
        }
        if (resizes.length() > 4096) {
            resizes.setLength(0);
        }
    }

    private static int field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d{1,5})")
                .matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Override
    public void stdout(byte[] data) {
        send(streams.get("stdout"), data);
    }

    @Override
    public void stderr(byte[] data) {
        Integer stream = streams.get("stderr");
        send(stream != null ? stream : streams.get("stdout"), data);
    }

    private synchronized void send(Integer stream, byte[] data) {
        if (stream != null && !ended) {
            lastDataNanos = System.nanoTime();
            emit(new DefaultSpdyDataFrame(stream, Unpooled.wrappedBuffer(data)));
        }
    }

    /** The process ended (or never started): finish the streams, say how on the error stream, go away. */
    @Override
    public synchronized void exited(Integer exitCode, String problem) {
        if (ended) {
            return;
        }
        LOG.info(() -> request + " ended" + (exitCode != null ? " with exit code " + exitCode : "")
                + (problem != null ? ": " + problem : ""));
        for (String type : new String[] {"stdout", "stderr"}) {
            Integer stream = streams.get(type);
            if (stream != null) {
                emit(finished(stream, new byte[0]));
            }
        }
        Integer error = streams.get("error");
        if (error != null) {
            emit(finished(error, ExecStatus.of(protocol, request.command(), exitCode, problem)));
        }
        emit(new DefaultSpdyGoAwayFrame(0));
        end();
    }

    private static SpdyDataFrame finished(int stream, byte[] data) {
        SpdyDataFrame frame = new DefaultSpdyDataFrame(stream, Unpooled.wrappedBuffer(data));
        frame.setLast(true);
        return frame;
    }

    /** The client or the cloud is gone before the process: it runs on, as with the kubelet. */
    synchronized void stop() {
        if (!ended) {
            LOG.fine(() -> request + ": the client left");
            ended = true;
            release();
        }
    }

    private void fail(String problem) {
        exited(null, problem);
    }

    private synchronized void end() {
        if (!ended) {
            ended = true;
            StreamReplies.end(id, tunnel);
            release();
        }
    }

    private void release() {
        stdin.close();
        if (process != null) {
            process.close();
        }
        spdy.close();
        onEnd.run();
    }

    /** Frames go out in the order they are made: the header compressor's state is shared. */
    private void emit(SpdyFrame frame) {
        byte[] bytes = spdy.encode(frame);
        if (!StreamReplies.data(id, bytes, tunnel)) {
            LOG.fine(() -> request + ": the tunnel is gone");
        }
    }

    String protocol() {
        return protocol;
    }

    synchronized boolean started() {
        return starting;
    }

    /** How long no data has gone either way. */
    java.time.Duration idle(long nowNanos) {
        return java.time.Duration.ofNanos(Math.max(0, nowNanos - lastDataNanos));
    }
}

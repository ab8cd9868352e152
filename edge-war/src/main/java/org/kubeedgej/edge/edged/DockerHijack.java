package org.kubeedgej.edge.edged;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A Docker call whose connection becomes the process's streams ({@code POST /exec/<id>/start},
 * {@code POST /containers/<id>/attach}), on a socket of its own. docker-java can stream stdin too, but it never
 * half-closes the connection when stdin ends, so {@code kubectl exec -i ... cat < file} would never see end of file;
 * here the end of input is a {@link #shutdownOutput()}. Reads and writes may run on two threads at once.
 */
final class DockerHijack implements AutoCloseable {

    private static final int MAX_HEAD = 16 * 1024;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final SocketChannel channel;
    private ByteBuffer leftover;

    private DockerHijack(SocketChannel channel, ByteBuffer leftover) {
        this.channel = channel;
        this.leftover = leftover;
    }

    /**
     * @param engine the engine's address, unix:///path or tcp://host:port
     * @throws ContainerStreamException with the engine's status and message when it refuses
     */
    static DockerHijack post(String engine, String pathAndQuery, String json) throws IOException,
            ContainerStreamException {
        SocketChannel channel = connect(engine);
        try {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + pathAndQuery + " HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: " + body.length + "\r\n\r\n";
            writeFully(channel, head.getBytes(StandardCharsets.US_ASCII));
            writeFully(channel, body);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            int end;
            while ((end = indexOf(received.toByteArray(), HEAD_END)) < 0) {
                buffer.clear();
                if (channel.read(buffer) < 0 || received.size() > MAX_HEAD) {
                    throw new IOException("the container engine at " + engine + " ended the " + pathAndQuery
                            + " call without an answer");
                }
                received.write(buffer.array(), 0, buffer.position());
            }
            byte[] all = received.toByteArray();
            String statusLine = new String(all, 0, end, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            String[] words = statusLine.split(" ", 3);
            int status = words.length > 1 && words[1].matches("\\d{3}") ? Integer.parseInt(words[1]) : 0;
            ByteBuffer rest = ByteBuffer.wrap(all, end + HEAD_END.length, all.length - end - HEAD_END.length);
            if (status != 101 && status != 200) {
                throw new ContainerStreamException(status == 404 ? 404 : 500, "the container engine answered "
                        + statusLine + ": " + errorText(channel, rest));
            }
            return new DockerHijack(channel, rest);
        } catch (IOException | ContainerStreamException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SocketChannel connect(String engine) throws IOException {
        URI uri = URI.create(engine);
        if ("unix".equals(uri.getScheme())) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
            return channel;
        }
        if ("tcp".equals(uri.getScheme())) {
            return SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        }
        throw new IOException("exec and attach need the container engine on unix:// or tcp://, not " + engine);
    }

    /** Docker puts {"message":"..."} in the body of a refusal. */
    private static String errorText(SocketChannel channel, ByteBuffer rest) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(rest.array(), rest.position(), rest.remaining());
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (body.size() < 4096 && body.toString(StandardCharsets.UTF_8).indexOf('}') < 0
                && channel.read(buffer.clear()) > 0) {
            body.write(buffer.array(), 0, buffer.position());
        }
        String text = body.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("\"message\":\"");
        if (start >= 0) {
            int from = start + "\"message\":\"".length();
            int to = text.indexOf('"', from);
            return to > from ? text.substring(from, to) : text.strip();
        }
        return text.strip();
    }

    /** The process's output: the bytes after the engine's answer. */
    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (leftover != null && leftover.hasRemaining()) {
                    int n = Math.min(length, leftover.remaining());
                    leftover.get(target, offset, n);
                    return n;
                }
                return channel.read(ByteBuffer.wrap(target, offset, length));
            }
        };
    }

    void write(byte[] data) throws IOException {
        writeFully(channel, data);
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing more to tell
        }
    }

    private static void writeFully(SocketChannel channel, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

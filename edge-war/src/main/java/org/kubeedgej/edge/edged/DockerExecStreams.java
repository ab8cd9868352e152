package org.kubeedgej.edge.edged;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * Exec and attach through Docker: docker-java creates the exec, resizes and reads the exit code; the streams run on
 * a {@link DockerHijack} each, read by a thread of their own. Without a terminal Docker multiplexes stdout and stderr
 * in frames (one byte of stream, three of padding, four of length); with one the bytes come raw. At most
 * {@value #MAX_STREAMS} run at once.
 */
final class DockerExecStreams implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DockerExecStreams.class.getName());
    static final int MAX_STREAMS = 16;
    private static final int CHUNK = 32 * 1024;

    private final String engine;
    private final DockerClient docker;
    private final ExecutorService readers;
    private final Semaphore slots = new Semaphore(MAX_STREAMS);

    DockerExecStreams(String engine) {
        this.engine = engine;
        this.docker = DockerClients.create(engine, 4, Duration.ofSeconds(30));
        this.readers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "edged-exec-stream");
            thread.setDaemon(true);
            return thread;
        });
    }

    ContainerStream start(String containerId, ContainerStreamRequest request, ContainerStreamSink sink)
            throws ContainerStreamException {
        if (!slots.tryAcquire()) {
            throw new ContainerStreamException(429, "this edge runs " + MAX_STREAMS
                    + " exec and attach streams already; try again when one ends");
        }
        String execId = null;
        DockerHijack hijack;
        try {
            if (request.kind() == ContainerStreamRequest.Kind.EXEC) {
                execId = docker.execCreateCmd(containerId).withCmd(request.command().toArray(String[]::new))
                        .withAttachStdin(request.stdin()).withAttachStdout(request.stdout())
                        .withAttachStderr(request.stderr()).withTty(request.tty()).exec().getId();
                hijack = DockerHijack.post(engine, "/exec/" + execId + "/start", "{\"Detach\":false,\"Tty\":"
                        + request.tty() + "}");
            } else {
                hijack = DockerHijack.post(engine, "/containers/" + containerId + "/attach?stream=1&stdin="
                        + bit(request.stdin()) + "&stdout=" + bit(request.stdout()) + "&stderr="
                        + bit(request.stderr()), "");
            }
        } catch (DockerException e) {
            slots.release();
            throw new ContainerStreamException(e.getHttpStatus() == 404 ? 404 : 500,
                    DockerJavaRuntime.engineMessage(e));
        } catch (IOException e) {
            slots.release();
            throw new ContainerStreamException(500, "cannot reach the container engine at " + engine + ": "
                    + e.getMessage());
        } catch (ContainerStreamException | RuntimeException e) {
            slots.release();
            throw e;
        }
        String exec = execId;
        readers.execute(() -> {
            try {
                pump(hijack.input(), request.tty(), sink);
                sink.exited(exec == null ? null : exitCode(exec), null);
            } catch (IOException e) {
                sink.exited(null, "the stream from the container engine broke off: " + e.getMessage());
            } finally {
                hijack.close();
                slots.release();
            }
        });
        return new HijackedStream(hijack, exec, containerId, request);
    }

    private static String bit(boolean on) {
        return on ? "1" : "0";
    }

    private Integer exitCode(String execId) {
        int code = new DockerExec(docker).exitCode(execId);
        return code < 0 ? null : code;
    }

    private static void pump(InputStream in, boolean raw, ContainerStreamSink sink) throws IOException {
        byte[] buffer = new byte[CHUNK];
        if (raw) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    sink.stdout(java.util.Arrays.copyOf(buffer, n));
                }
            }
            return;
        }
        DataInputStream frames = new DataInputStream(in);
        byte[] header = new byte[8];
        while (true) {
            try {
                frames.readFully(header);
            } catch (EOFException end) {
                return;
            }
            int stream = header[0];
            long left = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            while (left > 0) {
                int n = (int) Math.min(left, buffer.length);
                frames.readFully(buffer, 0, n);
                left -= n;
                byte[] data = java.util.Arrays.copyOf(buffer, n);
                if (stream == 2) {
                    sink.stderr(data);
                } else {
                    sink.stdout(data);
                }
            }
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
        try {
            docker.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing the exec streams' Docker client: " + e);
        }
    }

    /** The client's side of one exec or attach. */
    private final class HijackedStream implements ContainerStream {
        private final DockerHijack hijack;
        private final String execId;
        private final String containerId;
        private final ContainerStreamRequest request;

        HijackedStream(DockerHijack hijack, String execId, String containerId, ContainerStreamRequest request) {
            this.hijack = hijack;
            this.execId = execId;
            this.containerId = containerId;
            this.request = request;
        }

        @Override
        public void stdin(byte[] data) {
            try {
                hijack.write(data);
            } catch (IOException e) {
                LOG.fine(() -> request + ": stdin not taken: " + e.getMessage());
            }
        }

        @Override
        public void closeStdin() {
            try {
                hijack.shutdownOutput();
            } catch (IOException e) {
                LOG.fine(() -> request + ": cannot end stdin: " + e.getMessage());
            }
        }

        @Override
        public void resize(int width, int height) {
            try {
                if (execId != null) {
                    docker.resizeExecCmd(execId).withSize(height, width).exec();
                } else {
                    docker.resizeContainerCmd(containerId).withSize(height, width).exec();
                }
            } catch (DockerException e) {
                LOG.fine(() -> request + ": resize to " + width + "x" + height + " refused: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            hijack.close();
        }
    }
}

package org.kubeedgej.edge.edged;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Container log streams from Docker, on a client of their own: a follow holds its connection for as long as the
 * client reads, and must not take one of the pod syncer's. At most {@value #MAX_STREAMS} run at once.
 */
final class DockerLogStreams implements AutoCloseable {

    static final int MAX_STREAMS = 32;

    private final DockerClient docker;

    DockerLogStreams(String dockerHost) {
        // A followed container may print nothing for long; the stream ends when the client goes.
        this.docker = DockerClients.create(dockerHost, MAX_STREAMS, Duration.ofHours(24));
    }

    /** @return what stops the stream; the sink hears the end once either way */
    Closeable open(String containerId, ContainerLogRequest request, LogSink sink) {
        LogContainerCmd command = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withFollowStream(request.follow()).withTimestamps(request.timestamps());
        if (request.tailLines() >= 0) {
            command.withTail(request.tailLines());
        }
        if (request.since() != null) {
            command.withSince((int) Math.max(0, request.since().getEpochSecond()));
        }
        AtomicLong left = new AtomicLong(request.limitBytes() < 0 ? Long.MAX_VALUE : request.limitBytes());
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            private volatile boolean ended;

            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame == null ? null : frame.getPayload();
                if (payload == null || payload.length == 0 || ended) {
                    return;
                }
                long allowed = left.getAndAdd(-payload.length);
                if (allowed <= 0) {
                    finish(null);
                    return;
                }
                sink.data(allowed >= payload.length ? payload : java.util.Arrays.copyOf(payload, (int) allowed));
                if (allowed <= payload.length) {
                    finish(null);
                }
            }

            @Override
            public void onError(Throwable error) {
                finish(ended ? null : "the log stream broke off: " + error.getMessage());
            }

            @Override
            public void onComplete() {
                finish(null);
            }

            private synchronized void finish(String problem) {
                if (!ended) {
                    ended = true;
                    sink.end(problem);
                    try {
                        close();
                    } catch (IOException e) {
                        // Closing a stream that is ending.
                    }
                }
            }
        };
        command.exec(callback);
        return callback;
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}

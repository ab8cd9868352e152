package org.kubeedgej.edge.edgestream;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;
import org.kubeedgej.edge.edged.ContainerStream;

/**
 * The client's input on its way to the process, on a thread of its own: a process that does not read must not stall
 * the tunnel's reader. Input is kept until the process starts; past {@value #MAX_CHUNKS} chunks waiting the session
 * is ended, so a client cannot make the edge buffer without bound.
 */
final class StdinPump {

    private static final Logger LOG = Logger.getLogger(StdinPump.class.getName());
    static final int MAX_CHUNKS = 256;
    private static final byte[] END = new byte[0];
    private static final byte[] STOP = new byte[0];

    private final String owner;
    private final Runnable onOverflow;
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(MAX_CHUNKS + 2);
    private volatile boolean closed;
    private boolean ended;

    StdinPump(String owner, Runnable onOverflow) {
        this.owner = owner;
        this.onOverflow = onOverflow;
    }

    /** @param last the client ended its input after these bytes */
    synchronized void offer(byte[] data, boolean last) {
        if (closed || ended) {
            return;
        }
        if ((data.length > 0 && queue.size() >= MAX_CHUNKS) || (data.length > 0 && !queue.offer(data))) {
            closed = true;
            onOverflow.run();
            return;
        }
        if (last) {
            ended = true;
            queue.offer(END);
        }
    }

    /** Feeds the process from now on. */
    void start(ContainerStream process, Executor executor) {
        executor.execute(() -> {
            try {
                while (!closed) {
                    byte[] data = queue.take();
                    if (data == STOP) {
                        return;
                    }
                    if (data == END) {
                        process.closeStdin();
                        return;
                    }
                    process.stdin(data);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.fine(() -> owner + ": stdin pump interrupted");
            }
        });
    }

    void close() {
        closed = true;
        queue.clear();
        queue.offer(STOP);
    }
}

package org.kubeedgej.cloud.cloudstream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One API server request carried over a node's tunnel: the edge's data frames, queued for the request's thread to
 * write, and whether the edge has ended it. The queue is bounded; an API server that stops reading for
 * {@value #OFFER_WAIT_SECONDS} s while it is full has the connection ended, so one slow reader cannot hold the tunnel.
 */
final class StreamConnection {

    static final int QUEUED_FRAMES = 256;
    static final int OFFER_WAIT_SECONDS = 5;
    private static final byte[] END = new byte[0];

    private final long id;
    private final String nodeId;
    private final BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(QUEUED_FRAMES);
    private volatile String endReason;

    StreamConnection(long id, String nodeId) {
        this.id = id;
        this.nodeId = nodeId;
    }

    long id() {
        return id;
    }

    String nodeId() {
        return nodeId;
    }

    /** From the tunnel: data for the API server. @return false when the reader is too slow and the connection ended */
    boolean deliver(byte[] data) throws InterruptedException {
        if (endReason != null) {
            return false;
        }
        if (frames.offer(data, OFFER_WAIT_SECONDS, TimeUnit.SECONDS)) {
            return true;
        }
        end("the API server did not read for " + OFFER_WAIT_SECONDS + " s");
        return false;
    }

    /** The edge ended the connection (REMOVE_CONNECT), the tunnel closed, or the reader fell behind. */
    void end(String reason) {
        if (endReason == null) {
            endReason = reason;
            frames.offer(END);
        }
    }

    /** @return why it ended, or null while it runs */
    String endReason() {
        return endReason;
    }

    /**
     * @return the next data, an empty array once the connection ended and everything before was taken, or null when
     *     nothing came within the wait
     */
    byte[] next(long waitMillis) throws InterruptedException {
        byte[] data = frames.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (data == END) {
            frames.offer(END); // stays ended for the next call
            return END;
        }
        return data;
    }
}

package org.kubeedgej.cloud.cloudhub;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.kubeedgej.cloud.messaging.NodeQueues;

/**
 * One connected node's delivery window: at most {@code limit} messages sent and not yet acknowledged. At the
 * limit the node's queue is paused, and it resumes when half of them are settled; the few messages the queue
 * hands over before the pause takes effect wait here, in order, until there is room. Without it, an edge (or a
 * CloudCore) that falls behind pulls its whole backlog into memory, nothing on the queue can be replaced by a
 * newer version any more, and the acks that are late only because of the backlog cause resends that add to it.
 *
 * <p>The window only decides; the queue is paused and resumed on {@code control}, one thread for all nodes, so
 * the calls into the broker client happen in the order decided and never on a thread that holds the client's
 * own locks (the receiver runs inside them).
 */
final class NodeWindow {

    private static final Logger LOG = Logger.getLogger(NodeWindow.class.getName());

    private final String nodeId;
    private final int limit;
    private final Executor control;
    private int inFlight;
    private boolean paused;
    private boolean queuePaused;
    private boolean closed;
    private NodeQueues.Subscription subscription;
    private final Queue<Runnable> held = new ArrayDeque<>();
    private final Queue<Runnable> ready = new ArrayDeque<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    NodeWindow(String nodeId, int limit, Executor control) {
        this.nodeId = nodeId;
        this.limit = limit;
        this.control = control;
    }

    /** The queue to pause and resume; messages may have been counted before it is known. */
    synchronized void attach(NodeQueues.Subscription queue) {
        subscription = queue;
        if (paused) {
            control.execute(this::apply);
        }
    }

    /**
     * Sends a message now if the window has room and nothing is held before it, else when acks make room.
     *
     * @param send sends one message (and registers it as waiting for its ack)
     */
    void admit(Runnable send) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!held.isEmpty() || inFlight >= limit) {
                held.add(send);
            } else {
                inFlight++;
                ready.add(send);
            }
            pauseIfFull();
        }
        drain();
    }

    /** A message was acknowledged or given up on: the next held one, if any, goes out. */
    void settled() {
        synchronized (this) {
            inFlight = Math.max(0, inFlight - 1);
            Runnable next = held.poll();
            if (next != null) {
                inFlight++;
                ready.add(next);
            } else {
                resumeIfRoom();
            }
        }
        drain();
    }

    /**
     * Runs the admitted sends in the order admitted, one thread at a time, and outside this window's lock: a send
     * enters the container's WebSocket, whose threads also deliver the acks that call {@link #settled()}.
     */
    private void drain() {
        while (draining.compareAndSet(false, true)) {
            try {
                for (Runnable send = nextReady(); send != null; send = nextReady()) {
                    send.run();
                }
            } finally {
                draining.set(false);
            }
            synchronized (this) {
                if (ready.isEmpty()) {
                    return;
                }
            }
        }
    }

    private synchronized Runnable nextReady() {
        return ready.poll();
    }

    private void pauseIfFull() {
        if (inFlight >= limit && !paused) {
            paused = true;
            LOG.fine(() -> "edge node " + nodeId + " has " + limit + " unacknowledged messages; its queue waits");
            control.execute(this::apply);
        }
    }

    /** Every unacknowledged message goes back to the queue, and the window opens again. */
    void recover() {
        NodeQueues.Subscription queue;
        synchronized (this) {
            queue = subscription;
        }
        synchronized (this) {
            held.clear(); // not sent and not acknowledged: the recover gives them back to the queue as well
            ready.clear();
        }
        if (queue != null) {
            queue.recover();
        }
        synchronized (this) {
            inFlight = 0;
            resumeIfRoom();
        }
    }

    /** The node is gone: its unacknowledged messages go back to the queue. */
    void close() {
        NodeQueues.Subscription queue;
        synchronized (this) {
            closed = true;
            held.clear();
            ready.clear();
            queue = subscription;
        }
        if (queue != null) {
            queue.close();
        }
    }

    private void resumeIfRoom() {
        if (paused && held.isEmpty() && inFlight <= limit / 2) {
            paused = false;
            control.execute(this::apply);
        }
    }

    /** Brings the queue to the state last decided; runs on the control thread only. */
    private void apply() {
        NodeQueues.Subscription queue;
        boolean pause;
        synchronized (this) {
            if (closed || subscription == null || paused == queuePaused) {
                return;
            }
            queue = subscription;
            pause = paused;
            queuePaused = paused;
        }
        if (pause) {
            queue.pause();
        } else {
            queue.resume();
        }
    }
}

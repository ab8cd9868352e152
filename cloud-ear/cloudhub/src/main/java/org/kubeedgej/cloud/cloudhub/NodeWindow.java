package org.kubeedgej.cloud.cloudhub;

import java.util.logging.Logger;
import org.kubeedgej.cloud.messaging.NodeQueues;

/**
 * One connected node's delivery window: at most {@code limit} messages sent and not yet acknowledged. At the
 * limit the node's queue is paused, and it resumes when half of them are settled. Without it, an edge (or a
 * CloudCore) that falls behind pulls its whole backlog into memory, nothing on the queue can be replaced by a
 * newer version any more, and the acks that are late only because of the backlog cause resends that add to it.
 */
final class NodeWindow {

    private static final Logger LOG = Logger.getLogger(NodeWindow.class.getName());

    private final String nodeId;
    private final int limit;
    private int inFlight;
    private boolean paused;
    private NodeQueues.Subscription subscription;

    NodeWindow(String nodeId, int limit) {
        this.nodeId = nodeId;
        this.limit = limit;
    }

    /** The queue to pause and resume; messages may have been counted before it is known. */
    synchronized void attach(NodeQueues.Subscription queue) {
        subscription = queue;
        if (paused) {
            queue.pause();
        }
    }

    /** One more message is waiting for its ack. */
    synchronized void opened() {
        inFlight++;
        if (inFlight >= limit && !paused) {
            paused = true;
            LOG.fine(() -> "edge node " + nodeId + " has " + limit + " unacknowledged messages; its queue waits");
            if (subscription != null) {
                subscription.pause();
            }
        }
    }

    /** Gives every unacknowledged message back to the queue and opens the window again. */
    synchronized void recover() {
        if (subscription != null) {
            subscription.recover();
        }
        inFlight = 0;
        resumeIfRoom();
    }

    /** The node is gone: its unacknowledged messages go back to the queue. */
    synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
    }

    /** A message was acknowledged or given up on. */
    synchronized void settled() {
        inFlight = Math.max(0, inFlight - 1);
        resumeIfRoom();
    }

    private void resumeIfRoom() {
        if (paused && inFlight <= limit / 2) {
            paused = false;
            if (subscription != null) {
                subscription.resume();
            }
        }
    }
}

package org.kubeedgej.cloud.messaging;

/**
 * Reading a node's downstream queue while the node is connected. Each message stays on the queue until
 * {@link Delivery#acknowledge()} is called (after the edge acknowledged it), so nothing is lost while a node is
 * offline, when its session drops mid-delivery, or when CloudCore restarts.
 */
public interface NodeQueues {

    /**
     * Starts delivering a node's queued messages to {@code receiver}, oldest first.
     *
     * @param nodeId the node
     * @param receiver called once per message, on a broker thread; must not block
     * @return the subscription, to close when the node disconnects
     */
    Subscription subscribe(String nodeId, Receiver receiver);

    /** Receives one queued message. */
    @FunctionalInterface
    interface Receiver {
        /**
         * @param text the message as KubeEdge JSON
         * @param delivery how to settle it
         */
        void receive(String text, Delivery delivery);
    }

    /** Settles one message. */
    interface Delivery {
        /** The edge has the message: remove it from the queue. */
        void acknowledge();
    }

    /** A node's open subscription. */
    interface Subscription extends AutoCloseable {
        /**
         * Stops handing messages to the receiver until {@link #resume()}; they wait on the queue, where a newer
         * version of an object still replaces an older one. May be called from the receiver.
         */
        void pause();

        /** Hands messages to the receiver again after {@link #pause()}. */
        void resume();

        /** Gives every unacknowledged message back to the queue, to be delivered again. */
        void recover();

        /** Stops delivery; unacknowledged messages go back to the queue. */
        @Override
        void close();
    }
}

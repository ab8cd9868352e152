package org.kubeedgej.cloud.messaging;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Closes CloudCore's own broker clients at stop within a bound. A JMS close is a round of blocking calls to the broker
 * (one per consumer, temporary queue and session); with the broker gone each call waits out the call timeout while
 * the client tries to reconnect, which held a CloudCore's stop up by 10-30 s. Past the bound the close goes on in a
 * daemon thread that the JVM's exit ends: the broker drops a connection it no longer hears from.
 *
 * <p>A plain thread, not a managed one: this runs while the application stops, when the container's thread
 * factories may already refuse work.
 */
final class BoundedConnectionClose {

    private static final Logger LOG = Logger.getLogger(BoundedConnectionClose.class.getName());

    /** How long a stop waits for the broker to answer the closes. */
    static final Duration DEFAULT_BOUND = Duration.ofSeconds(3);

    private BoundedConnectionClose() {
    }

    /**
     * Closes each of {@code closeables} in order, waiting at most {@code bound} for all of them.
     *
     * @param what the clients being closed, for the log
     * @param brokerUrl the broker they are connected to, for the log
     * @return whether all were closed within the bound
     */
    static boolean close(String what, String brokerUrl, List<AutoCloseable> closeables, Duration bound) {
        Thread closer = new Thread(() -> {
            for (AutoCloseable closeable : closeables) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.fine(() -> "closing the " + what + ": " + e);
                }
            }
        }, "close " + what);
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warning(() -> "the broker at " + brokerUrl + " did not answer the close of the " + what + " within "
                    + bound.toMillis() + " ms (is it down?); the stop goes on without waiting for it");
            return false;
        }
        return true;
    }
}

package org.kubeedgej.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A JMS connection that, once the client's own reconnects have given up, is made again on the next URL of its
 * list (for the pair the list is one URL and the client's failover does the work). {@code onLost} runs on the
 * client's thread when that happens, not when a failover succeeded.
 */
final class ListFailoverConnection implements AutoCloseable {

    private static final long RETRY_MILLIS = 200;

    private final List<ActiveMQConnectionFactory> factories = new ArrayList<>();
    private final Consumer<ListFailoverConnection> onLost;
    private volatile Connection connection;
    private volatile boolean lost;

    ListFailoverConnection(List<String> urls, Consumer<ListFailoverConnection> onLost) {
        for (String url : urls) {
            factories.add(new ActiveMQConnectionFactory(url));
        }
        this.onLost = onLost;
    }

    /**
     * Closes the current connection, if any, and connects to the first URL that answers, in list order.
     *
     * @param seconds how long to keep trying
     * @return the new connection, not started
     */
    synchronized Connection connect(long seconds) throws JMSException, InterruptedException {
        closeQuietly(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JMSException last = null;
        while (System.nanoTime() < deadline) {
            for (ActiveMQConnectionFactory factory : factories) {
                try {
                    Connection fresh = factory.createConnection();
                    fresh.setExceptionListener(e -> {
                        // FAILOVER: the client is on the backup already; DISCONNECT: it gave up.
                        if (!ActiveMQConnection.EXCEPTION_FAILOVER.equals(e.getErrorCode())) {
                            lost = true;
                            onLost.accept(this);
                        }
                    });
                    connection = fresh;
                    lost = false;
                    return fresh;
                } catch (JMSException e) {
                    last = e;
                }
            }
            Thread.sleep(RETRY_MILLIS);
        }
        throw last != null ? last : new JMSException("no broker answered within " + seconds + " s");
    }

    /** @return whether the connection is gone for good (the client's own reconnects gave up) */
    boolean lost() {
        return lost;
    }

    /**
     * @param inBackground on a thread of its own (a connection to a dead broker may wait for its call timeout);
     *        at the end of a run in line, so no connection is left retrying against stopped brokers (its retries
     *        would hold the client's shared threads, which the next run's failovers need)
     */
    private void closeQuietly(boolean inBackground) {
        Connection old = connection;
        connection = null;
        if (old == null) {
            return;
        }
        Runnable close = () -> {
            try {
                old.close();
            } catch (JMSException | RuntimeException e) {
                // Already broken; nothing to release on the broker.
            }
        };
        if (inBackground) {
            Thread closer = new Thread(close, "close-old-connection");
            closer.setDaemon(true);
            closer.start();
        } else {
            close.run();
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(false);
        for (ActiveMQConnectionFactory factory : factories) {
            factory.close();
        }
    }
}

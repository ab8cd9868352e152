package org.kubeedgej.edge.metaserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One watch: a chunked HTTP response of newline-delimited watch events, written by one thread of the watch pool.
 *
 * <p>It registers with the {@link WatchHub} first, then sends the current objects as ADDED (no resourceVersion, or
 * {@code sendInitialEvents}) or the kept changes after the requested resourceVersion, then each change as it comes.
 * It ends when the client's timeoutSeconds (at most the server's watch timeout) have passed, when the client is
 * gone, when it falls more than the queue size behind, or when MetaServer stops; then its slot is free again.
 *
 * <p>A client that disconnects is noticed at the next write: the next event, or the next bookmark for clients that
 * allow them (sent every bookmark interval while idle). The JDK HTTP server gives no other sign, so an idle watch
 * without bookmarks holds its slot until its timeout at the latest.
 */
final class WatchStream implements Runnable, WatchHub.Watcher {

    private static final Logger LOG = Logger.getLogger(WatchStream.class.getName());
    private static final int MAX_BATCH = 64;

    private final HttpExchange exchange;
    private final ResourceRequest request;
    private final ListOptions options;
    private final WatchHub hub;
    private final StoredObjects store;
    private final Duration timeout;
    private final Duration bookmarkInterval;
    private final BlockingQueue<ObjectChange> queue;
    private final Runnable onEnd;
    private final String client;
    private final Object threadLock = new Object();
    private Thread thread;
    private volatile String closeReason;
    private WatchSelection selection;
    private long lastRevision;
    private long sent;

    /**
     * @param exchange the request, answered by this watch
     * @param request what is watched
     * @param options the query (selectors, resourceVersion, timeout, bookmarks)
     * @param hub where changes come from
     * @param store where the current objects come from
     * @param settings the server's watch limits
     * @param onEnd called once when the watch has ended (frees its slot)
     */
    WatchStream(HttpExchange exchange, ResourceRequest request, ListOptions options, WatchHub hub,
            StoredObjects store, MetaServerSettings settings, Runnable onEnd) {
        this.exchange = exchange;
        this.request = request;
        this.options = options;
        this.hub = hub;
        this.store = store;
        Duration asked = Duration.ofSeconds(options.timeoutSeconds());
        this.timeout = asked.isZero() || asked.compareTo(settings.watchTimeout()) > 0 ? settings.watchTimeout() : asked;
        this.bookmarkInterval = settings.bookmarkInterval();
        this.queue = new LinkedBlockingQueue<>(settings.watchQueueSize());
        this.onEnd = onEnd;
        this.client = KubernetesApiHandler.client(exchange);
    }

    /** Offered by the hub under its lock: never blocks; a full queue ends the watch. */
    @Override
    public void offer(ObjectChange change) {
        if (!queue.offer(change)) {
            close("it fell more than " + (queue.size() + queue.remainingCapacity()) + " changes behind");
        }
    }

    /** Ends the watch soon, from any thread. */
    @Override
    public void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        synchronized (threadLock) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /** The watch pool stopped before this watch ran: answer nothing more and free the slot. */
    void abandon() {
        exchange.close();
        onEnd.run();
    }

    @Override
    public void run() {
        synchronized (threadLock) {
            thread = Thread.currentThread();
        }
        long started = System.nanoTime();
        String end = "its timeout of " + timeout.toSeconds() + " s passed";
        try {
            exchange.getResponseHeaders().set("Content-Type", HttpReplies.JSON);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                end = start(out) ? stream(out, started + timeout.toNanos())
                        : "its resourceVersion is too old (410 Expired)";
            } catch (IllegalStateException e) {
                // The store failed: say so in the stream, as the API server reports errors once a watch has begun.
                end = "the edge database cannot be read (" + e.getMessage() + ")";
                write(out, WatchEvents.error(StatusResponses.unavailable(end)));
                out.flush();
            }
        } catch (IOException e) {
            end = closeReason != null ? closeReason : "the client went away (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            end = closeReason != null ? closeReason : "it was interrupted";
        } catch (RuntimeException e) {
            end = "it failed: " + e;
            LOG.log(Level.WARNING, "MetaServer watch of " + request.describe() + " for " + client + " failed", e);
        } finally {
            hub.unregister(this);
            synchronized (threadLock) {
                thread = null;
                Thread.interrupted();
            }
            exchange.close();
            onEnd.run();
            String why = end;
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            LOG.info(() -> "MetaServer watch of " + request.describe() + " for " + client + " ended after " + seconds
                    + " s and " + sent + " events: " + why);
        }
    }

    /** Registers and sends the initial events; false if the requested resourceVersion is too old. */
    private boolean start(OutputStream out) throws IOException {
        ObjectFilter filter = new ObjectFilter(request, options);
        boolean fromCurrentState = options.startsFromCurrentState();
        WatchHub.Registration registration = hub.register(this, request.resource(),
                fromCurrentState ? OptionalLong.empty() : options.resourceVersion());
        if (registration.expiredOldest().isPresent()) {
            write(out, WatchEvents.error(StatusResponses.expired(options.resourceVersion().getAsLong(),
                    registration.expiredOldest().getAsLong())));
            out.flush();
            return false;
        }
        lastRevision = Math.max(registration.revision(), options.resourceVersion().orElse(0));
        selection = fromCurrentState ? WatchSelection.fromCurrentState(filter) : WatchSelection.resumed(filter);
        if (fromCurrentState) {
            String namespace = request.resource().namespaced() ? request.namespace() : null;
            for (StoredObject object : store.list(request.resource(), namespace)) {
                if (selection.admitInitial(object)) {
                    write(out, WatchEvents.line(WatchEvents.ADDED, object.object().toString()));
                }
            }
            if (options.sendInitialEvents() && options.allowBookmarks()) {
                write(out, WatchEvents.bookmark(request.resource(), lastRevision, true));
            }
        } else {
            for (ObjectChange change : registration.replay()) {
                deliver(out, change);
            }
        }
        out.flush();
        LOG.info(() -> "MetaServer watch of " + request.describe() + " for " + client + " started "
                + (fromCurrentState ? "from the current state" : "after resourceVersion "
                + options.resourceVersion().getAsLong()) + " at revision " + registration.revision());
        return true;
    }

    /** Streams changes until the deadline; returns why it ended. */
    private String stream(OutputStream out, long deadline) throws IOException, InterruptedException {
        long nextBookmark = System.nanoTime() + bookmarkInterval.toNanos();
        while (closeReason == null) {
            long now = System.nanoTime();
            if (now >= deadline) {
                return "its timeout of " + timeout.toSeconds() + " s passed";
            }
            long wake = options.allowBookmarks() ? Math.min(deadline, nextBookmark) : deadline;
            ObjectChange change = queue.poll(Math.max(1, wake - now), TimeUnit.NANOSECONDS);
            if (change != null) {
                for (int i = 0; change != null && i < MAX_BATCH; i++) {
                    deliver(out, change);
                    change = i + 1 < MAX_BATCH ? queue.poll() : null;
                }
                out.flush();
                nextBookmark = System.nanoTime() + bookmarkInterval.toNanos();
            } else if (options.allowBookmarks() && System.nanoTime() >= nextBookmark) {
                write(out, WatchEvents.bookmark(request.resource(), lastRevision, false));
                out.flush();
                nextBookmark = System.nanoTime() + bookmarkInterval.toNanos();
            }
        }
        return closeReason;
    }

    private void deliver(OutputStream out, ObjectChange change) throws IOException {
        lastRevision = Math.max(lastRevision, change.revision());
        String type = selection.typeFor(change);
        if (type != null) {
            write(out, WatchEvents.line(type, change.objectJson()));
        }
    }

    private void write(OutputStream out, byte[] line) throws IOException {
        out.write(line);
        sent++;
    }
}

package org.kubeedgej.cloud.cloudhub;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeAckEvent;
import org.kubeedgej.cloud.events.NodeConnectionEvent;
import org.kubeedgej.cloud.events.ObjectDeliveredEvent;
import org.kubeedgej.cloud.messaging.NodeQueues;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.MessageFormatException;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * Reliable downstream delivery (KubeEdge's ack queue): while a node is connected its JMS queue is read, each
 * message is sent with the resource in the edge form (answers and status-like types only once, see
 * {@link AckPolicy}), sent again when the edge has not acked it ackTimeout after it was written (at most
 * maxResends times), and only then removed from the queue. A message never acknowledged goes back to the
 * queue, and so does everything in flight when the node disconnects. Each node has at most nodeMaxInFlight
 * messages unacknowledged ({@link NodeWindow}). Each acknowledged Kubernetes object is reported as an
 * {@link ObjectDeliveredEvent}, from which SyncController keeps the ObjectSync records.
 */
@ApplicationScoped
public class NodeDelivery {

    private static final Logger LOG = Logger.getLogger(NodeDelivery.class.getName());

    /** How often waiting acks are checked: the resolution of ackTimeout. */
    private static final long SWEEP_MILLIS = 250;

    @Inject
    NodeQueues queues;

    @Inject
    NodeSessions sessions;

    @Inject
    CloudHubConfig config;

    @Inject
    Event<ObjectDeliveredEvent> delivered;

    @Inject
    CloudHubMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    private final MessageCodec codec = MessageCodec.create();
    private final Map<String, NodeWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    /**
     * One entry per completed write, in the order they completed. ackTimeout is the same for all, so this is also
     * the order in which acks fall due: a sweep looks only at the entries that are due, not at all in flight.
     */
    private final Queue<Deadline> deadlines = new ConcurrentLinkedQueue<>();
    private final AtomicLong sendSequence = new AtomicLong();
    private ScheduledFuture<?> sweeper;
    /** Pauses and resumes node queues for every {@link NodeWindow}, in the order they decide. */
    private ExecutorService flowControl;

    /**
     * A message waiting for its ack, sent {@code sends} times; {@code sequence} numbers each (re)send, so a stale
     * deadline is recognised.
     */
    private record InFlight(String nodeId, NodeWindow window, Message message, String text,
            NodeQueues.Delivery delivery, int sends, long sequence, long firstSentNanos) {

        String id() {
            return message.header().id();
        }
    }

    /** When the ack for one send falls due; small, so acked messages are not kept until then. */
    private record Deadline(String messageId, long sequence, long dueNanos) {}

    /**
     * One periodic sweep over the deadlines, not a timer per message: Liberty's managed scheduler walks all of its
     * pending tasks on every schedule(), which made each send cost O(messages in flight) under load.
     */
    @PostConstruct
    void startSweeper() {
        flowControl = Executors.newSingleThreadExecutor(threads);
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopSweeper() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        if (flowControl != null) {
            flowControl.shutdownNow();
        }
    }

    void onConnection(@Observes NodeConnectionEvent event) {
        String nodeId = event.nodeId();
        NodeWindow old = windows.remove(nodeId);
        if (old != null) {
            old.close();
            inFlight.values().removeIf(f -> f.window() == old);
        }
        if (event.connected()) {
            NodeWindow window = new NodeWindow(nodeId, config.nodeMaxInFlight(), flowControl);
            windows.put(nodeId, window);
            try {
                window.attach(queues.subscribe(nodeId, (text, delivery) -> send(window, nodeId, text, delivery)));
            } catch (IllegalStateException e) {
                windows.remove(nodeId, window);
                // A session without its queue would get nothing until the edge happened to reconnect: end it, so the
                // edge connects again (with its backoff) and the subscribe is tried again.
                LOG.severe(() -> "no downstream delivery to edge node " + nodeId + ": " + e.getMessage()
                        + "; closing its session so that it connects again and the queue is read then");
                sessions.find(nodeId).ifPresent(session -> sessions.closeUnserved(session,
                        "CloudCore cannot read this node's queue now (is the broker away?); connect again later"));
            }
        }
    }

    void onAck(@Observes EdgeAckEvent ack) {
        InFlight settled = inFlight.get(ack.parentMessageId());
        if (settled == null || !settled.nodeId().equals(ack.nodeId())
                || !inFlight.remove(ack.parentMessageId(), settled)) {
            return;
        }
        settled.delivery().acknowledge();
        settled.window().settled();
        metrics.acked(ack.error(), Duration.ofNanos(System.nanoTime() - settled.firstSentNanos()));
        if (!ack.error()) {
            ObjectDelivery.of(ack.nodeId(), settled.message()).ifPresent(delivered::fire);
        } else {
            LOG.warning(() -> "edge node " + ack.nodeId() + " answered message " + ack.parentMessageId()
                    + " with an error; not sent again");
        }
    }

    /** @return messages sent to edge nodes and not yet acknowledged */
    int inFlightCount() {
        return inFlight.size();
    }

    private void send(NodeWindow window, String nodeId, String queued, NodeQueues.Delivery delivery) {
        Message message;
        try {
            message = codec.decode(queued);
        } catch (MessageFormatException e) {
            LOG.severe(() -> "dropping a malformed message on the queue of edge node " + nodeId + ": " + e.getMessage());
            delivery.acknowledge();
            return;
        }
        // KubeEdge's TrimMessage: the edge sees <namespace>/<type>/<name>, without node/<id>/.
        Message edgeForm = message.withRoute(message.route().withResource(
                ResourcePath.trimNodePrefix(message.route().resource())));
        String text = codec.encodeToString(edgeForm);
        if (!AckPolicy.needsAck(edgeForm)) {
            sessions.find(nodeId).ifPresent(session -> {
                session.send(text);
                metrics.sent();
            });
            delivery.acknowledge();
            return;
        }
        window.admit(() -> {
            InFlight pending = new InFlight(nodeId, window, message, text, delivery, 1, sendSequence.incrementAndGet(),
                    System.nanoTime());
            inFlight.put(pending.id(), pending);
            transmit(pending);
        });
    }

    /** Writes the message; its ack timeout starts when the write is done, not while it waits behind others. */
    private void transmit(InFlight pending) {
        sessions.find(pending.nodeId()).ifPresent(session -> {
            session.send(pending.text(), () -> deadlines.add(new Deadline(pending.id(), pending.sequence(),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(config.ackTimeoutSeconds()))));
            metrics.sent();
        });
    }

    private void sweep() {
        long now = System.nanoTime();
        Map<String, Integer> resent = new TreeMap<>();
        Set<String> toRecover = new TreeSet<>();
        for (Deadline deadline = deadlines.peek(); deadline != null && now - deadline.dueNanos() >= 0;
                deadline = deadlines.peek()) {
            deadlines.poll();
            InFlight pending = inFlight.get(deadline.messageId());
            if (pending == null || pending.sequence() != deadline.sequence()) {
                continue; // acked, sent again since, or its node went away
            }
            if (pending.sends() <= config.maxResends()) {
                InFlight again = new InFlight(pending.nodeId(), pending.window(), pending.message(), pending.text(),
                        pending.delivery(), pending.sends() + 1, sendSequence.incrementAndGet(),
                        pending.firstSentNanos());
                if (inFlight.replace(pending.id(), pending, again)) {
                    transmit(again);
                    resent.merge(pending.nodeId(), 1, Integer::sum);
                }
            } else if (inFlight.remove(pending.id(), pending)) {
                toRecover.add(pending.nodeId());
            }
        }
        metrics.resent(resent.values().stream().mapToInt(Integer::intValue).sum());
        resent.forEach((nodeId, count) -> LOG.info(() -> "no ack from edge node " + nodeId + " within "
                + config.ackTimeoutSeconds() + " s for " + count + " message(s); sent again (at most "
                + config.maxResends() + " times each)"));
        for (String nodeId : toRecover) {
            LOG.warning(() -> "edge node " + nodeId + " never acknowledged some messages after " + config.maxResends()
                    + " resends; its unacknowledged messages go back to its queue");
            NodeWindow window = windows.get(nodeId);
            if (window != null) {
                int before = inFlight.size();
                inFlight.values().removeIf(f -> f.window() == window);
                metrics.returnedToQueue(Math.max(0, before - inFlight.size()));
                window.recover();
            }
        }
    }
}

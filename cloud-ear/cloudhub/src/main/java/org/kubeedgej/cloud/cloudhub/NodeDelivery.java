package org.kubeedgej.cloud.cloudhub;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * {@link AckPolicy}), resent every ackTimeout until the edge's ack arrives (at
 * most maxResends times), and only then removed from the queue. A message never acknowledged goes back to the
 * queue, and so does everything in flight when the node disconnects. Each acknowledged Kubernetes object is
 * reported as an {@link ObjectDeliveredEvent}, from which SyncController keeps the ObjectSync records.
 */
@ApplicationScoped
public class NodeDelivery {

    private static final Logger LOG = Logger.getLogger(NodeDelivery.class.getName());

    @Inject
    NodeQueues queues;

    @Inject
    NodeSessions sessions;

    @Inject
    CloudHubConfig config;

    @Inject
    Event<ObjectDeliveredEvent> delivered;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final MessageCodec codec = MessageCodec.create();
    private final Map<String, NodeQueues.Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    /**
     * Every send in the order it happened. ackTimeout is the same for all, so this is also the order in which acks
     * fall due: a sweep looks only at the entries that are due (and drops settled ones), not at all in flight.
     */
    private final Queue<Deadline> deadlines = new ConcurrentLinkedQueue<>();

    /** How often waiting acks are checked: the resolution of ackTimeout. */
    private static final long SWEEP_MILLIS = 250;

    private record InFlight(String nodeId, Message message, String text, NodeQueues.Delivery delivery, int sends,
            long dueNanos) {

        Deadline deadline() {
            return new Deadline(message.header().id(), sends, dueNanos);
        }
    }

    /** When the ack for one send of a message falls due; small, so acked messages are not kept until then. */
    private record Deadline(String messageId, int sends, long dueNanos) {}

    private ScheduledFuture<?> sweeper;

    /**
     * One periodic sweep over the messages in flight, not a timer per message: Liberty's managed scheduler walks
     * all of its pending tasks on every schedule(), which made each send cost O(messages in flight) under load.
     */
    @PostConstruct
    void startSweeper() {
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopSweeper() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }

    void onConnection(@Observes NodeConnectionEvent event) {
        NodeQueues.Subscription old = subscriptions.remove(event.nodeId());
        if (old != null) {
            old.close();
            inFlight.values().removeIf(f -> f.nodeId().equals(event.nodeId()));
        }
        if (event.connected()) {
            try {
                subscriptions.put(event.nodeId(), queues.subscribe(event.nodeId(), (text, delivery) ->
                        send(event.nodeId(), text, delivery)));
            } catch (IllegalStateException e) {
                LOG.severe(() -> "no downstream delivery to edge node " + event.nodeId() + ": " + e.getMessage());
            }
        }
    }

    void onAck(@Observes EdgeAckEvent ack) {
        InFlight settled = inFlight.remove(ack.parentMessageId());
        if (settled != null && settled.nodeId().equals(ack.nodeId())) {
            settled.delivery().acknowledge();
            if (!ack.error()) {
                ObjectDelivery.of(ack.nodeId(), settled.message()).ifPresent(delivered::fire);
            } else {
                LOG.warning(() -> "edge node " + ack.nodeId() + " answered message " + ack.parentMessageId()
                        + " with an error; not sent again");
            }
        }
    }

    private void send(String nodeId, String queued, NodeQueues.Delivery delivery) {
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
            transmit(nodeId, text);
            delivery.acknowledge();
            return;
        }
        InFlight pending = new InFlight(nodeId, message, text, delivery, 1, due());
        inFlight.put(message.header().id(), pending);
        deadlines.add(pending.deadline());
        transmit(nodeId, text);
    }

    private long due() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(config.ackTimeoutSeconds());
    }

    private void transmit(String nodeId, String text) {
        sessions.find(nodeId).ifPresent(session -> session.send(text));
    }

    private void sweep() {
        long now = System.nanoTime();
        Map<String, Integer> resent = new TreeMap<>();
        Set<String> toRecover = new TreeSet<>();
        for (Deadline deadline = deadlines.peek(); deadline != null && now - deadline.dueNanos() >= 0;
                deadline = deadlines.peek()) {
            deadlines.poll();
            String id = deadline.messageId();
            InFlight pending = inFlight.get(id);
            if (pending == null || pending.sends() != deadline.sends() || now - pending.dueNanos() < 0) {
                continue; // acked, or taken from the queue again since (its own deadline comes later)
            }
            if (pending.sends() <= config.maxResends()) {
                InFlight again = new InFlight(pending.nodeId(), pending.message(), pending.text(), pending.delivery(),
                        pending.sends() + 1, due());
                if (inFlight.replace(id, pending, again)) {
                    deadlines.add(again.deadline());
                    transmit(pending.nodeId(), pending.text());
                    resent.merge(pending.nodeId(), 1, Integer::sum);
                }
            } else if (inFlight.remove(id, pending)) {
                toRecover.add(pending.nodeId());
            }
        }
        resent.forEach((nodeId, count) -> LOG.info(() -> "no ack from edge node " + nodeId + " within "
                + config.ackTimeoutSeconds() + " s for " + count + " message(s); sent again (at most "
                + config.maxResends() + " times each)"));
        for (String nodeId : toRecover) {
            LOG.warning(() -> "edge node " + nodeId + " never acknowledged some messages after " + config.maxResends()
                    + " resends; its unacknowledged messages go back to its queue");
            NodeQueues.Subscription subscription = subscriptions.get(nodeId);
            if (subscription != null) {
                inFlight.values().removeIf(f -> f.nodeId().equals(nodeId));
                subscription.recover();
            }
        }
    }
}

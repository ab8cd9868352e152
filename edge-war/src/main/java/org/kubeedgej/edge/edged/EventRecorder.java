package org.kubeedgej.edge.edged;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Message;

/**
 * Records Kubernetes Events for this node's kubelet (source component kubelet, host the node's name): each
 * occurrence is correlated ({@link EventCorrelator}: repeats counted on one Event, similar ones aggregated, at most a
 * burst of {@value #BURST} then one every {@value #REFILL_SECONDS} s per object, client-go's defaults) and sent
 * upstream through EdgeHub as KubeEdge's edged sends them ({@link EventPayloads}). While the cloud is away they
 * wait in EdgeHub's bounded buffer, where a repeat replaces the waiting patch of its Event. Events are
 * fire-and-forget as in KubeEdge: nothing waits for the cloud's answer.
 */
@ApplicationScoped
public class EventRecorder implements EventSink {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class.getName());
    static final int BURST = 25;
    static final int REFILL_SECONDS = 300;
    /** Entries per cache; client-go keeps 4096, an edge node runs far fewer pods than a kubelet may. */
    static final int CACHE_ENTRIES = 1024;

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    private final AtomicLong created = new AtomicLong();
    private final AtomicLong patched = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private Clock clock = Clock.systemUTC();
    private EventCorrelator correlator;

    @PostConstruct
    void init() {
        correlator = new EventCorrelator(CACHE_ENTRIES, 10, Duration.ofMinutes(10),
                new EventSpamFilter(BURST, Duration.ofSeconds(REFILL_SECONDS), CACHE_ENTRIES));
    }

    /** For tests: a recorder sending to the given client, with a given clock. */
    static EventRecorder of(EdgeHubClient edgeHub, String nodeName, Clock clock) {
        EventRecorder r = new EventRecorder();
        r.edgeHub = edgeHub;
        r.nodeName = nodeName;
        r.clock = clock;
        r.init();
        return r;
    }

    @Override
    public void record(EventReference object, String type, String reason, String message) {
        Optional<CorrelatedEvent> event = correlator.correlate(new RecordedEvent(object, type, reason, message),
                clock.instant());
        if (event.isEmpty()) {
            throttled.incrementAndGet();
            LOG.fine(() -> "event " + reason + " for " + object.describe() + " dropped: more than " + BURST
                    + " events about it, one per " + REFILL_SECONDS + " s after that (client-go's spam filter)");
            return;
        }
        CorrelatedEvent e = event.get();
        Message m = EventPayloads.message(e, nodeName);
        (e.repeat() ? patched : created).incrementAndGet();
        LOG.fine(() -> "event " + e.name() + " " + type + " " + reason + " (x" + e.count() + ") for "
                + object.describe() + ": " + e.event().message());
        edgeHub.send(m);
    }

    /** @return Events created (first occurrences sent) since start */
    public long created() {
        return created.get();
    }

    /** @return repeats sent as patches of their Event since start */
    public long patched() {
        return patched.get();
    }

    /** @return occurrences the spam filter dropped since start */
    public long throttled() {
        return throttled.get();
    }
}

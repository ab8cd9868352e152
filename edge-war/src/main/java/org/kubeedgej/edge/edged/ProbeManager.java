package org.kubeedgej.edge.edged;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Keeps one {@link ProbeWorker} per running container that has probes and runs them on a small shared scheduled
 * pool: each worker has at most one task scheduled or running (so one probe in flight per container, and no
 * thread per container), rescheduled for its next due probe. Workers come and go with the containers PodManager
 * finds at each sync: a container that stopped, was replaced or whose pod went away loses its worker. When a
 * worker's conclusion changes (started, ready, kill), the pod is synced again, which reports the status and kills
 * the container if asked. Answers {@link ContainerHealth} from the workers' results.
 */
final class ProbeManager implements ContainerHealth {

    private static final Logger LOG = Logger.getLogger(ProbeManager.class.getName());

    /** A worker and its scheduling. */
    private static final class Entry {
        final ProbeWorker worker;
        final String podUid;
        final String podKey;
        ScheduledFuture<?> next;
        boolean stopped;

        Entry(ProbeWorker worker, String podUid, String podKey) {
            this.worker = worker;
            this.podUid = podUid;
            this.podKey = podKey;
        }
    }

    private final ScheduledExecutorService pool;
    private final Prober prober;
    private final Clock clock;
    private final Consumer<String> changed;
    private final Map<String, Entry> byContainerId = new ConcurrentHashMap<>();

    /**
     * @param pool the pool probes run on (this manager shuts it down)
     * @param prober runs one attempt
     * @param clock time for due dates
     * @param changed called with the pod key (namespace/name) when a container's probe conclusion changed
     */
    ProbeManager(ScheduledExecutorService pool, Prober prober, Clock clock, Consumer<String> changed) {
        this.pool = pool;
        this.prober = prober;
        this.clock = clock;
        this.changed = changed;
    }

    /**
     * Starts workers for the pod's running containers with probes and stops those of containers no longer running.
     *
     * @param states the pod's containers as the sync found them
     */
    void update(PodDefinition pod, List<ContainerState> states) {
        Set<String> live = new HashSet<>();
        for (ContainerSpec spec : pod.containers()) {
            if (spec.probes().isEmpty()) {
                continue;
            }
            for (ContainerState s : states) {
                if (s.name().equals(spec.name()) && s.running() && s.containerId() != null) {
                    live.add(s.containerId());
                    byContainerId.computeIfAbsent(s.containerId(), id -> start(pod, spec, s));
                }
            }
        }
        byContainerId.forEach((id, e) -> {
            if (e.podUid.equals(pod.ref().uid()) && !live.contains(id)) {
                stop(id);
            }
        });
    }

    /** Stops every worker of a pod that is gone. */
    void forget(PodDefinition pod) {
        byContainerId.forEach((id, e) -> {
            if (e.podUid.equals(pod.ref().uid())) {
                stop(id);
            }
        });
    }

    /** @return how many containers are probed now */
    int probedContainers() {
        return byContainerId.size();
    }

    void shutdown() {
        byContainerId.keySet().forEach(this::stop);
        pool.shutdownNow();
    }

    private Entry start(PodDefinition pod, ContainerSpec spec, ContainerState s) {
        ProbeTarget target = new ProbeTarget(pod.ref(), spec.name(), s.containerId());
        Entry e = new Entry(new ProbeWorker(target, spec.probes(), startedAt(s), prober), pod.ref().uid(), pod.key());
        LOG.fine(() -> target.describe() + ": probing " + spec.probes().all().stream().map(ProbeSpec::describe)
                .toList());
        schedule(e);
        return e;
    }

    private void stop(String containerId) {
        Entry e = byContainerId.remove(containerId);
        if (e != null) {
            synchronized (e) {
                e.stopped = true;
                if (e.next != null) {
                    e.next.cancel(false);
                }
            }
        }
    }

    private void run(Entry e) {
        boolean differs = false;
        try {
            differs = e.worker.runDue(clock.instant());
        } catch (RuntimeException ex) {
            LOG.warning(() -> e.worker.target().describe() + ": probe failed to run: " + ex);
        }
        synchronized (e) {
            if (e.stopped) {
                return;
            }
        }
        if (differs) {
            changed.accept(e.podKey);
        }
        schedule(e);
    }

    private void schedule(Entry e) {
        Instant due = e.worker.nextDue();
        synchronized (e) {
            if (e.stopped || due == null || pool.isShutdown()) {
                return;
            }
            long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
            e.next = pool.schedule(() -> run(e), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Initial delays count from Docker's start time, so an edgecore restart does not delay them again. */
    private Instant startedAt(ContainerState s) {
        Instant now = clock.instant();
        try {
            Instant started = s.startedAt() == null ? now : Instant.parse(s.startedAt());
            return started.isAfter(now) ? now : started;
        } catch (DateTimeParseException ex) {
            return now;
        }
    }

    @Override
    public boolean started(ContainerState container) {
        Entry e = container.containerId() == null ? null : byContainerId.get(container.containerId());
        return container.running() && (e == null || e.worker.started());
    }

    @Override
    public boolean ready(ContainerState container) {
        Entry e = container.containerId() == null ? null : byContainerId.get(container.containerId());
        return container.running() && (e == null || e.worker.ready());
    }

    @Override
    public String killReason(ContainerState container) {
        Entry e = container.containerId() == null ? null : byContainerId.get(container.containerId());
        return container.running() && e != null ? e.worker.killReason() : null;
    }
}

package org.kubeedgej.edge.edged;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The probes of one running container and what they concluded, with the kubelet's rules: each probe runs every
 * period after its initial delay; a result counts only after successThreshold passes or failureThreshold failures
 * in a row; the startup probe runs alone until it passes, then never again; a failed liveness or startup probe asks
 * for the container to be killed and stops all probing (the next container gets a new worker). Pure logic around a
 * {@link Prober}: time comes in as an argument, so tests drive it with a fake clock. One attempt at a time: callers
 * never run {@link #runDue} concurrently for one worker.
 */
final class ProbeWorker {

    private static final Logger LOG = Logger.getLogger(ProbeWorker.class.getName());

    /** One probe's counters. */
    private static final class Track {
        final ProbeSpec spec;
        Instant nextDue;
        ProbeResult.Outcome result;
        ProbeResult.Outcome lastOutcome;
        int run;
        String lastLogged;

        Track(ProbeSpec spec, Instant firstDue) {
            this.spec = spec;
            this.nextDue = firstDue;
            this.result = spec.type().initial();
        }

        /** @return whether the thresholded result changed */
        boolean record(ProbeResult r) {
            if (r.outcome() == lastOutcome) {
                run++;
            } else {
                lastOutcome = r.outcome();
                run = 1;
            }
            int threshold = r.success() ? spec.successThreshold() : spec.failureThreshold();
            if (run < threshold || r.outcome() == result) {
                return false;
            }
            result = r.outcome();
            return true;
        }
    }

    private final ProbeTarget target;
    private final Prober prober;
    private final Map<ProbeType, Track> tracks = new EnumMap<>(ProbeType.class);
    private volatile boolean started;
    private volatile boolean ready;
    private volatile String killReason;

    /**
     * @param containerStarted when the container started; initial delays count from then
     */
    ProbeWorker(ProbeTarget target, ContainerProbes probes, Instant containerStarted, Prober prober) {
        this.target = target;
        this.prober = prober;
        for (ProbeSpec spec : probes.all()) {
            tracks.put(spec.type(), new Track(spec, containerStarted.plus(spec.initialDelay())));
        }
        this.started = !tracks.containsKey(ProbeType.STARTUP);
        this.ready = started && !tracks.containsKey(ProbeType.READINESS);
    }

    /**
     * Runs the probes that are due (startup first; liveness and readiness only once started).
     *
     * @param now the current time
     * @return whether started, ready or the kill request changed, so the pod's status or containers must follow
     */
    synchronized boolean runDue(Instant now) {
        boolean changed = false;
        for (ProbeType type : new ProbeType[] {ProbeType.STARTUP, ProbeType.LIVENESS, ProbeType.READINESS}) {
            Track t = tracks.get(type);
            if (killReason != null || t == null || (type == ProbeType.STARTUP) == started
                    || now.isBefore(t.nextDue)) {
                continue;
            }
            t.nextDue = now.plus(t.spec.period());
            ProbeResult r = prober.probe(target, t.spec);
            log(t, r);
            if (t.record(r)) {
                changed |= apply(t);
            }
        }
        return changed;
    }

    private boolean apply(Track t) {
        boolean passed = t.result == ProbeResult.Outcome.SUCCESS;
        switch (t.spec.type()) {
            case STARTUP -> {
                if (passed) {
                    started = true;
                    ready = !tracks.containsKey(ProbeType.READINESS);
                    LOG.info(() -> target.describe() + ": startup probe passed");
                } else {
                    killReason = "failed startup probe";
                }
            }
            case LIVENESS -> {
                if (!passed) {
                    killReason = "failed liveness probe";
                }
            }
            case READINESS -> {
                ready = passed;
                LOG.info(() -> target.describe() + (passed ? ": readiness probe passed; ready"
                        : ": not ready (readiness probe failed " + t.spec.failureThreshold() + " times in a row)"));
            }
        }
        return true;
    }

    /** A failure is logged when its message is new for this probe (so a probe failing the same way logs once). */
    private void log(Track t, ProbeResult r) {
        if (r.success()) {
            t.lastLogged = null;
            return;
        }
        String line = t.spec.type().title() + " probe failed: " + r.message();
        boolean fresh = !line.equals(t.lastLogged);
        t.lastLogged = line;
        LOG.log(fresh ? Level.WARNING : Level.FINE, () -> target.describe() + ": " + line);
    }

    /**
     * @return when the next probe is due (the earliest of the probes still running), for scheduling; null when no
     *         probe will run again (startup passed without other probes, or a kill was asked for)
     */
    synchronized Instant nextDue() {
        if (killReason != null) {
            return null;
        }
        Instant next = null;
        for (Map.Entry<ProbeType, Track> e : tracks.entrySet()) {
            boolean active = (e.getKey() == ProbeType.STARTUP) != started;
            if (active && (next == null || e.getValue().nextDue.isBefore(next))) {
                next = e.getValue().nextDue;
            }
        }
        return next;
    }

    ProbeTarget target() {
        return target;
    }

    boolean started() {
        return started;
    }

    boolean ready() {
        return ready;
    }

    /** @return why the container must be killed, or null */
    String killReason() {
        return killReason;
    }
}

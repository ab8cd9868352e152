package org.kubeedgej.cloud.leaderelection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whether this replica leads CloudCore's controllers now, which replica holds the Lease, and since when. The
 * controllers ask {@link #isLeader()} before each piece of leader-only work, so a lost Lease stops it at the next
 * step; {@link LeadershipChanged} tells them to start (replaying their informer caches) or to forget what they sent.
 */
@ApplicationScoped
public class ControllerLeadership {

    private static final Logger LOG = Logger.getLogger(ControllerLeadership.class.getName());

    @Inject
    Event<LeadershipChanged> changes;

    @Inject
    LeaderElectionSettings settings;

    private volatile boolean leading;
    private volatile String holder = "";
    private volatile Instant leadingSince;
    private long transitions;

    /** @return whether this replica runs the leader-only work now */
    public boolean isLeader() {
        return leading;
    }

    /** @return when this replica became leader, if it leads */
    public Optional<Instant> leadingSince() {
        Instant since = leadingSince;
        return leading && since != null ? Optional.of(since) : Optional.empty();
    }

    /** @return the replica that holds the Lease as last seen, empty before any was seen */
    public String holder() {
        return holder;
    }

    /** @return this replica's id */
    public String replicaId() {
        return settings.replicaId();
    }

    /** @return how often this replica started leading since it started */
    public synchronized long transitions() {
        return transitions;
    }

    /** This replica acquired the Lease (or leads alone, with election off). */
    synchronized void started() {
        if (leading) {
            return;
        }
        leadingSince = Instant.now();
        leading = true;
        holder = settings.replicaId();
        transitions++;
        LOG.info(() -> "cloudcore replica " + settings.replicaId() + " now leads the controllers (Lease "
                + settings.namespace() + "/" + settings.name() + "); they start from the informer caches");
        changes.fire(new LeadershipChanged(true, settings.replicaId()));
    }

    /** This replica could not renew the Lease in time, or is stopping. */
    synchronized void stopped(String why) {
        if (!leading) {
            return;
        }
        leading = false;
        leadingSince = null;
        LOG.warning(() -> "cloudcore replica " + settings.replicaId() + " no longer leads the controllers (" + why
                + "); their leader-only work stops here");
        changes.fire(new LeadershipChanged(false, settings.replicaId()));
    }

    /** @param identity the replica that holds the Lease now, as the elector last read it */
    void observed(String identity) {
        String now = identity == null ? "" : identity;
        if (!now.equals(holder)) {
            holder = now;
            if (!now.equals(settings.replicaId())) {
                LOG.info(() -> "cloudcore replica " + settings.replicaId() + " sees replica " + now
                        + " leading the controllers");
            }
        }
    }
}

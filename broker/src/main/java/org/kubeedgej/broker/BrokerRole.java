package org.kubeedgej.broker;

import java.util.Locale;

/**
 * What a standalone broker process is: alone, one half of a replicated pair, or one of two brokers in a symmetric
 * cluster (measured against the pair in docs/benchmarks.md; the pair is what CloudCore uses, docs/ha.md).
 */
public enum BrokerRole {
    /** One broker, no replication (what CloudCore embeds, in a process of its own). */
    SINGLE,
    /** Serves clients and replicates its journal to the backup. */
    PRIMARY,
    /** Holds a replica of the primary's journal and serves clients once the primary is gone. */
    BACKUP,
    /**
     * Serves clients next to a peer that does too; node queues' messages go to whichever broker has the node's
     * consumer. No HA: what is on a dead broker waits for it to return.
     */
    CLUSTERED;

    static BrokerRole parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --role=" + value
                    + ": use single, primary, backup or clustered", e);
        }
    }

    /** @return whether the role needs {@code --peer-port} (every role but single) */
    boolean hasPeer() {
        return this != SINGLE;
    }
}

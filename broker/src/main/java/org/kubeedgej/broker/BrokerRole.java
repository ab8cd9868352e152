package org.kubeedgej.broker;

import java.util.Locale;

/** What a standalone broker process is: alone, or one half of a replicated pair. */
public enum BrokerRole {
    /** One broker, no replication (what CloudCore embeds, in a process of its own). */
    SINGLE,
    /** Serves clients and replicates its journal to the backup. */
    PRIMARY,
    /** Holds a replica of the primary's journal and serves clients once the primary is gone. */
    BACKUP;

    static BrokerRole parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --role=" + value + ": use single, primary or backup", e);
        }
    }

    boolean replicated() {
        return this != SINGLE;
    }
}

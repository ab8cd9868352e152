package org.kubeedgej.shared.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The JVM heap as liveness checks see it.
 *
 * @param usedBytes heap in use
 * @param maxBytes the most the heap may grow to (the committed size when no maximum is set)
 */
public record HeapUsage(long usedBytes, long maxBytes) {

    /** @return the heap now */
    public static HeapUsage now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new HeapUsage(heap.getUsed(), heap.getMax() > 0 ? heap.getMax() : heap.getCommitted());
    }

    /**
     * @param fraction the share of the maximum, e.g. 0.95
     * @return whether less than that share is in use
     */
    public boolean below(double fraction) {
        return (double) usedBytes / maxBytes < fraction;
    }
}

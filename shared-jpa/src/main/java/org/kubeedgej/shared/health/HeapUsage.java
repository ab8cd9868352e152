package org.kubeedgej.shared.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The JVM heap as liveness checks see it: what the last garbage collection left live, not what is in use right
 * now, since a small heap is routinely nearly full of garbage just before a collection (a Serial-GC edgecore with
 * its MQTT broker was declared dead that way).
 *
 * @param usedBytes heap live after the last collection (heap in use if no collection has run yet)
 * @param maxBytes the most the heap may grow to (the committed size when no maximum is set)
 */
public record HeapUsage(long usedBytes, long maxBytes) {

    /** @return the heap as the last collection left it */
    public static HeapUsage now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        long afterGc = 0;
        boolean collected = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage collection = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (collection != null) {
                afterGc += collection.getUsed();
                collected |= collection.getUsed() > 0;
            }
        }
        return new HeapUsage(collected ? afterGc : heap.getUsed(), max);
    }

    /**
     * @param fraction the share of the maximum, e.g. 0.95
     * @return whether less than that share is in use
     */
    public boolean below(double fraction) {
        return (double) usedBytes / maxBytes < fraction;
    }
}

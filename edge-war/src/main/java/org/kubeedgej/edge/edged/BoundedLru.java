package org.kubeedgej.edge.edged;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry beyond a capacity: what the event caches are kept in, so a node
 * with many pods or noisy containers cannot grow them without bound. Not thread-safe; callers lock.
 */
final class BoundedLru<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;
    private final int capacity;

    BoundedLru(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}

package org.kubeedgej.edge.edgehub;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last messages applied from the cloud. CloudHub sends a message again when it misses the ack; the
 * edge then acknowledges again without applying the message twice.
 */
final class RecentMessageIds {

    private final Map<String, Boolean> ids;

    RecentMessageIds(int capacity) {
        ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    synchronized void add(String id) {
        ids.put(id, Boolean.TRUE);
    }
}

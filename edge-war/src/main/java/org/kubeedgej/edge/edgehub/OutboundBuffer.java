package org.kubeedgej.edge.edgehub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kubeedgej.shared.model.Message;

/**
 * Messages waiting for the cloud while EdgeHub is disconnected. Bounded: a newer message about the same resource
 * and operation replaces the older one (only the latest state of an object matters), and when full the oldest
 * message goes, so the buffer always holds at least the latest state of the most recently changed objects.
 */
final class OutboundBuffer {

    private final int capacity;
    private final Map<String, Message> byKey = new LinkedHashMap<>();
    private long dropped;

    OutboundBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbound buffer capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** @return whether an older message was dropped to make room */
    synchronized boolean add(Message message) {
        String key = message.route().operation() + " " + message.route().resource();
        byKey.remove(key);
        byKey.put(key, message);
        if (byKey.size() > capacity) {
            Iterator<String> oldest = byKey.keySet().iterator();
            oldest.next();
            oldest.remove();
            dropped++;
            return true;
        }
        return false;
    }

    /** @return everything waiting, oldest first, and empties the buffer */
    synchronized List<Message> drain() {
        List<Message> all = new ArrayList<>(byKey.values());
        byKey.clear();
        return all;
    }

    synchronized int size() {
        return byKey.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}

package org.kubeedgej.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Connection failures and lost sessions, counted by cause (numbers in causes are folded to N). */
final class FailureCounts {

    private static final int MAX_CAUSE = 110;

    private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();

    /** @param cause a short description; digits are replaced so the same cause counts once */
    void record(String cause) {
        String key = cause == null ? "unknown" : cause.replaceAll("\\d+", "N").replaceAll("\\s+", " ").trim();
        if (key.length() > MAX_CAUSE) {
            key = key.substring(0, MAX_CAUSE) + "...";
        }
        byCause.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** @return a copy of the counts, sorted by cause */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        byCause.forEach((cause, count) -> copy.put(cause, count.sum()));
        return copy;
    }

    /** @return all failures so far */
    long total() {
        return byCause.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * @param before an earlier {@link #snapshot()}
     * @return the counts added since then
     */
    Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        snapshot().forEach((cause, count) -> {
            long added = count - before.getOrDefault(cause, 0L);
            if (added > 0) {
                delta.put(cause, added);
            }
        });
        return delta;
    }
}

package org.kubeedgej.edge.edged;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers failed image pulls per pod container, so a missing image is tried again 10 s, 20 s, ... 5 min later
 * (reported as ImagePullBackOff in between) instead of on every sync.
 */
final class PullBackOff {

    private record Failure(int attempts, Instant next, String message) {}

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    /** @return the message of the last failure if the next attempt is not due yet, else null */
    String waiting(String key, Instant now) {
        Failure f = failures.get(key);
        return f != null && now.isBefore(f.next) ? f.message : null;
    }

    void failed(String key, String message, Instant now) {
        failures.compute(key, (k, f) -> {
            int attempts = f == null ? 1 : f.attempts + 1;
            Duration delay = RestartRules.backOff(attempts - 1);
            return new Failure(attempts, now.plus(delay), message);
        });
    }

    void succeeded(String key) {
        failures.remove(key);
    }

    /** Forgets everything about a pod's containers (keys start with the pod key). */
    void forgetPod(String podKey) {
        failures.keySet().removeIf(k -> k.startsWith(podKey + "/"));
    }
}

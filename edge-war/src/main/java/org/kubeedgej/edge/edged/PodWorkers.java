package org.kubeedgej.edge.edged;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs work for pods off the caller's thread, one task at a time per pod (so a delete never races a create of the
 * same pod) and different pods in parallel. A pod with a task already waiting gets no second one: the waiting task
 * reads the pod's latest definition when it runs.
 */
final class PodWorkers {

    private static final Logger LOG = Logger.getLogger(PodWorkers.class.getName());

    private final Executor executor;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    PodWorkers(Executor executor) {
        this.executor = executor;
    }

    /** @param podKey namespace/name */
    void submit(String podKey, Runnable task) {
        if (!waiting.add(podKey)) {
            return;
        }
        tails.compute(podKey, (k, tail) -> {
            CompletableFuture<Void> after = tail == null ? CompletableFuture.completedFuture(null) : tail;
            CompletableFuture<Void> next = after.thenRunAsync(() -> {
                waiting.remove(podKey);
                task.run();
            }, executor).exceptionally(e -> {
                waiting.remove(podKey);
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                LOG.warning(() -> "pod " + podKey + ": sync failed (retried at the next periodic sync): " + cause);
                LOG.log(Level.FINE, "pod " + podKey + ": sync failure", cause);
                return null;
            });
            // Drop finished chains so the map holds only pods with work in flight.
            next.whenComplete((v, e) -> tails.remove(podKey, next));
            return next;
        });
    }
}

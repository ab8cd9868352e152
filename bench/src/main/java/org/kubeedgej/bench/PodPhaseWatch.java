package org.kubeedgej.bench;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One watch on the bench's pods (by label) through the official client: the time each pod was first seen with
 * {@code status.phase} Running, and the last phase seen of every pod, to say where stuck pods stopped. The watch is
 * open before the constructor returns, so no event of a pod created afterwards is missed. If the server ends the
 * watch it is opened again (counted in {@link #restarts()}); a Running seen only after a reopen is late by the gap.
 */
final class PodPhaseWatch implements AutoCloseable {

    private final CoreV1Api api;
    private final String namespace;
    private final String selector;
    private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
    private final Map<String, String> lastPhase = new ConcurrentHashMap<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private final Thread reader;
    private volatile Watch<V1Pod> current;
    private volatile boolean closed;

    PodPhaseWatch(ApiClient watchClient, String namespace, String selector) throws ApiException {
        this.api = new CoreV1Api(watchClient);
        this.namespace = namespace;
        this.selector = selector;
        this.current = open();
        this.reader = new Thread(this::read, "pod-phase-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private Watch<V1Pod> open() throws ApiException {
        return Watch.createWatch(api.getApiClient(),
                api.listNamespacedPod(namespace).labelSelector(selector).watch(true).buildCall(null),
                new TypeToken<Watch.Response<V1Pod>>() { }.getType());
    }

    private void read() {
        while (!closed) {
            try (Watch<V1Pod> watch = current) {
                for (Watch.Response<V1Pod> event : watch) {
                    long now = System.nanoTime();
                    if (event.object != null && event.object.getMetadata() != null) {
                        observe(event.type, event.object, now);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    System.err.println("pod watch ended: " + e);
                }
            }
            while (!closed) {
                try {
                    current = open();
                    restarts.incrementAndGet();
                    break;
                } catch (ApiException e) {
                    System.err.println("pod watch reopen failed: " + e.getCode() + " " + e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private void observe(String type, V1Pod pod, long now) {
        String name = pod.getMetadata().getName();
        if ("DELETED".equals(type)) {
            lastPhase.put(name, "Deleted");
            return;
        }
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "(none)"
                : pod.getStatus().getPhase();
        lastPhase.put(name, pod.getMetadata().getDeletionTimestamp() != null ? phase + ", terminating" : phase);
        if ("Running".equals(phase)) {
            runningAt.putIfAbsent(name, now);
        }
    }

    /** @return System.nanoTime() when the pod was first seen Running, or null */
    Long runningAt(String name) {
        return runningAt.get(name);
    }

    /** @return how many pods of the given names were last seen in each phase ("(not seen)" if never) */
    Map<String, Integer> lastPhases(Iterable<String> names) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String name : names) {
            counts.merge(lastPhase.getOrDefault(name, "(not seen)"), 1, Integer::sum);
        }
        return counts;
    }

    int restarts() {
        return restarts.get();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            current.close();
        } catch (IOException | RuntimeException e) {
            // closing a watch that already ended
        }
        reader.interrupt();
    }
}

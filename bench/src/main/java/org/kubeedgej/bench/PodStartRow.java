package org.kubeedgej.bench;

import io.kubernetes.client.openapi.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One row of the pod start report: a set of pods created one after another at a pace, or all at once from a few
 * threads, then awaited until the watch shows each Running, then deleted. Latency of a pod = the time its watch
 * event showed Running - the time taken just before its create call (one clock, this JVM's nanoTime).
 */
final class PodStartRow {

    private final PodFleet fleet;
    private final PodPhaseWatch watch;
    private final String mode;
    private final List<String> names;
    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
    private final List<Long> callMillis = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failures = new AtomicInteger();
    private final double loadAtStart = MachineLoad.oneMinute();
    private double createSeconds;
    private double lastRunningSeconds = -1;
    private double goneSeconds = -1;

    PodStartRow(PodFleet fleet, PodPhaseWatch watch, String mode, String prefix, int pods) {
        this.fleet = fleet;
        this.watch = watch;
        this.mode = mode;
        this.names = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            names.add(prefix + "-" + i);
        }
    }

    /** Creates the pods one after another, one every intervalMillis (the next waits for the previous call). */
    void createInSequence(long intervalMillis) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < names.size(); i++) {
            long wait = start + TimeUnit.MILLISECONDS.toNanos(i * intervalMillis) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            create(names.get(i));
        }
        createSeconds = (System.nanoTime() - start) / 1e9;
    }

    /** Creates all pods at once: every create call submitted together to a pool of the given size. */
    void createInBurst(int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        names.forEach(name -> pool.execute(() -> create(name)));
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        createSeconds = (System.nanoTime() - start) / 1e9;
    }

    private void create(String name) {
        try {
            long before = fleet.create(name);
            callMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));
            createdAt.put(name, before);
        } catch (ApiException e) {
            if (failures.incrementAndGet() <= 3) {
                System.err.println("create " + name + " failed: " + e.getCode() + " " + e.getResponseBody());
            }
        }
    }

    /** Waits until every created pod was seen Running, or the limit passed; says where the others stopped. */
    void awaitRunning(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && running().size() < createdAt.size()) {
            Thread.sleep(100);
        }
        long first = createdAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
        running().stream().mapToLong(watch::runningAt).max()
                .ifPresent(last -> lastRunningSeconds = (last - first) / 1e9);
        if (running().size() < names.size()) {
            List<String> stuck = new ArrayList<>(names);
            stuck.removeAll(running());
            System.err.printf("%s: %d of %d pods not Running after %d s; last phase seen: %s%n", mode, stuck.size(),
                    names.size(), limit.toSeconds(), watch.lastPhases(stuck));
        }
    }

    private List<String> running() {
        List<String> running = new ArrayList<>();
        for (String name : createdAt.keySet()) {
            if (watch.runningAt(name) != null) {
                running.add(name);
            }
        }
        return running;
    }

    /** Deletes the row's pods and waits until the API has none of the bench's pods left. */
    void deleteAll(Duration limit) throws ApiException, InterruptedException {
        goneSeconds = fleet.deleteAndAwaitGone(names, limit);
    }

    void addTo(ReportTable table) {
        List<Long> latencies = new ArrayList<>();
        for (String name : running()) {
            latencies.add(TimeUnit.NANOSECONDS.toMillis(watch.runningAt(name) - createdAt.get(name)));
        }
        Collections.sort(latencies);
        List<Long> calls;
        synchronized (callMillis) {
            calls = new ArrayList<>(callMillis);
        }
        Collections.sort(calls);
        table.add(mode, names.size(), String.format("%.1f", createSeconds), String.format("%.2f", loadAtStart),
                latencies.size(), pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                latencies.isEmpty() ? "-" : latencies.get(latencies.size() - 1),
                lastRunningSeconds < 0 ? "-" : String.format("%.1f", lastRunningSeconds), pct(calls, 50),
                failures.get(), goneSeconds < 0 ? "not all" : String.format("%.1f", goneSeconds));
    }

    /** @return the nearest-rank percentile, or "-" for no values */
    static String pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.valueOf(sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}

package org.kubeedgej.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;

/**
 * All simulated edges and the lanes that connect them. Lanes work in parallel (one connect each at a time);
 * every HttpClient shares one small executor, so the client JVM has one selector thread per lane plus that
 * pool, however many sessions are open. Keepalives go out in slices so the load is even over the period. With
 * several CloudHub ports (replicas), edge i connects to port i mod their number, so every step and every subset of
 * the first edges is spread evenly.
 */
final class EdgeFleet implements AutoCloseable {

    private static final long SLICE_MILLIS = 250;
    private static final int MIN_FAILURES_TO_ABORT = 100;

    private final List<SimulatedEdge> edges;
    private final List<ConnectLane> lanes = new ArrayList<>();
    private final List<URI> hubs;
    private final FailureCounts failures;
    private final ExecutorService executor;
    private final ScheduledExecutorService keepalives;
    private int connected; // edges [0, connected) have been tried

    EdgeFleet(BenchSettings settings, List<NodeIdentity> identities, FailureCounts failures,
            DeliveryTracker deliveries) throws IOException, GeneralSecurityException {
        this.failures = failures;
        this.edges = identities.stream().map(id -> new SimulatedEdge(id, failures, deliveries)).toList();
        Map<String, NodeIdentity> byAlias = identities.stream()
                .collect(Collectors.toUnmodifiableMap(NodeIdentity::nodeId, Function.identity()));
        TrustManagerFactory trust = trust(settings.caDir().resolve("truststore.p12"), settings.storePassword());
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "edge-io-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.hubs = settings.cloudHubPorts().stream().map(port -> URI.create("wss://127.0.0.1:" + port + "/")).toList();
        for (int i = 0; i < settings.clients(); i++) {
            lanes.add(new ConnectLane(byAlias, trust, executor, settings.projectId(),
                    Duration.ofSeconds(settings.connectTimeoutSeconds())));
        }
        this.keepalives = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keepalives");
            t.setDaemon(true);
            return t;
        });
        int slices = (int) Math.max(1, settings.keepaliveSeconds() * 1000L / SLICE_MILLIS);
        AtomicInteger tick = new AtomicInteger();
        keepalives.scheduleAtFixedRate(() -> {
            int slice = Math.floorMod(tick.getAndIncrement(), slices);
            for (int i = slice; i < edges.size(); i += slices) {
                edges.get(i).keepalive();
            }
        }, SLICE_MILLIS, SLICE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static TrustManagerFactory trust(Path store, String password) throws IOException,
            GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, password.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        return factory;
    }

    /**
     * Connects edges until {@code target} have been tried (those already tried are left as they are).
     *
     * @param target how many edges should be connected
     * @return how many new connects were tried and how many opened
     */
    ConnectResult connectUpTo(int target) throws InterruptedException {
        int from = connected;
        int to = Math.min(target, edges.size());
        AtomicInteger next = new AtomicInteger(from);
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        // A CloudCore that stops answering costs a full connect timeout per edge: give up on the step instead.
        int failureLimit = Math.max(MIN_FAILURES_TO_ABORT, (to - from) / 20);
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (ConnectLane lane : lanes) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < to && failed.get() < failureLimit;
                        i = next.getAndIncrement()) {
                    String failure = lane.connect(edges.get(i), hubs.get(i % hubs.size()));
                    if (failure == null) {
                        opened.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        failures.record("connect: " + failure);
                    }
                }
            }, "connect-lane");
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        int tried = Math.min(next.get(), to) - from;
        connected = from + tried;
        return new ConnectResult(tried, opened.get(), (System.nanoTime() - start) / 1e9,
                failed.get() >= failureLimit);
    }

    /** @return edges whose session is open */
    int openCount() {
        return (int) edges.stream().filter(SimulatedEdge::isOpen).count();
    }

    /**
     * @param count how many
     * @return the first {@code count} edges that are open
     */
    List<SimulatedEdge> openEdges(int count) {
        return edges.stream().filter(SimulatedEdge::isOpen).limit(count).toList();
    }

    /**
     * Closes every open edge after the first {@code keep} open ones.
     *
     * @param keep open edges to keep
     * @return how many were closed
     */
    int closeAllBut(int keep) {
        int kept = 0;
        int closed = 0;
        for (SimulatedEdge edge : edges) {
            if (edge.isOpen()) {
                if (kept < keep) {
                    kept++;
                } else {
                    edge.close();
                    closed++;
                }
            }
        }
        return closed;
    }

    @Override
    public void close() {
        keepalives.shutdownNow();
        edges.forEach(SimulatedEdge::close); // the executor stays: closes still run on it (daemon threads)
    }

    /**
     * @param tried connects tried
     * @param opened sessions opened
     * @param seconds how long it took
     * @param abandoned whether the step was given up after too many failed connects
     */
    record ConnectResult(int tried, int opened, double seconds, boolean abandoned) {

        double rate() {
            return seconds <= 0 ? 0 : opened / seconds;
        }
    }
}

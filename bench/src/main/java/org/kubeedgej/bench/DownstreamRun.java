package org.kubeedgej.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The downstream part: for each node count, closes the fleet down to that many open edges, then for each
 * rate sends messages for a fixed time and waits a little for the last acks. Ends early when a run gets no
 * ack at all (CloudCore does not deliver node queues, or the edges are gone).
 */
final class DownstreamRun {

    private final BenchSettings settings;
    private final EdgeFleet fleet;
    private final DeliveryTracker tracker;
    private final PrintStream out;
    private final ReportTable table = new ReportTable("nodes", "target msg/s", "sent", "sent/s", "acked",
            "acked/s", "p50 ms", "p99 ms", "max ms", "not acked", "resent", "load 1m");
    private final List<DeliveryWindow> windows = new ArrayList<>();
    private RateListener listener = new RateListener() { };

    DownstreamRun(BenchSettings settings, EdgeFleet fleet, DeliveryTracker tracker, PrintStream out) {
        this.settings = settings;
        this.fleet = fleet;
        this.tracker = tracker;
        this.out = out;
    }

    /** @return the runs measured so far */
    ReportTable table() {
        return table;
    }

    /** Told when each measured rate starts and when its drain ends (the replica benchmark meters CPU by them). */
    interface RateListener {

        default void started(int nodes, int rate) {
        }

        default void ended(int nodes, int rate) {
        }
    }

    /** @param rateListener told of each measured rate from now on */
    void onRate(RateListener rateListener) {
        this.listener = rateListener;
    }

    /** @return the runs measured so far, in order (not the warm-up) */
    List<DeliveryWindow> windows() {
        return List.copyOf(windows);
    }

    /** @return the table of runs measured */
    ReportTable run() throws Exception {
        try (DownstreamProducer producer = new DownstreamProducer(settings.brokerPort())) {
            boolean warm = settings.warmupSeconds() <= 0;
            for (int nodes : settings.downstreamNodes()) {
                int closed = fleet.closeAllBut(nodes);
                Thread.sleep(closed > 0 ? 5000 : 0);
                List<SimulatedEdge> edges = fleet.openEdges(nodes);
                out.printf("%n== downstream to %d nodes (%d open)%n", nodes, edges.size());
                if (edges.isEmpty()) {
                    return table;
                }
                if (!warm && !settings.rates().isEmpty()) {
                    warmUp(producer, edges, settings.rates().get(0));
                    warm = true;
                }
                for (int rate : settings.rates()) {
                    DeliveryWindow window = new DeliveryWindow(edges.size(), rate);
                    listener.started(edges.size(), rate);
                    producer.run(edges, rate, settings.rateSeconds(), tracker, window);
                    long unacked = drain(window);
                    listener.ended(edges.size(), rate);
                    windows.add(window);
                    table.add(edges.size(), rate, window.sentCount(), String.format("%.0f", window.sendRate()),
                            window.ackedCount(), String.format("%.0f", window.ackRate()),
                            window.latencyPercentile(0.5), window.latencyPercentile(0.99),
                            window.latencyPercentile(1.0), unacked, window.duplicateCount(), MachineLoad.oneMinute());
                    out.printf("   %d msg/s: sent %d, acked %d, p50 %d ms, p99 %d ms, max %d ms, not acked %d%n",
                            rate, window.sentCount(), window.ackedCount(), window.latencyPercentile(0.5),
                            window.latencyPercentile(0.99), window.latencyPercentile(1.0), unacked);
                    if (window.ackedCount() == 0) {
                        out.println("   no message was delivered and acked: CloudCore does not forward node queues"
                                + " (yet); downstream part unmeasured");
                        return table;
                    }
                    // Let CloudHub's resends of what is still unacked settle before the next run.
                    tracker.clearSettled();
                }
            }
        }
        return table;
    }

    private void warmUp(DownstreamProducer producer, List<SimulatedEdge> edges, int rate) throws Exception {
        out.printf("   warm-up: %d msg/s for %d s (not reported)%n", rate, settings.warmupSeconds());
        DeliveryWindow window = new DeliveryWindow(edges.size(), rate);
        producer.run(edges, rate, settings.warmupSeconds(), tracker, window);
        drain(window);
        out.printf("   warm-up: acked %d of %d, p50 %d ms, p99 %d ms%n", window.ackedCount(), window.sentCount(),
                window.latencyPercentile(0.5), window.latencyPercentile(0.99));
        tracker.clearSettled();
    }

    /** Waits up to drainSeconds for the window's last acks; @return how many are still unacked */
    private long drain(DeliveryWindow window) throws InterruptedException {
        long drainEnd = System.nanoTime() + settings.drainSeconds() * 1_000_000_000L;
        while (tracker.unacked(window) > 0 && System.nanoTime() < drainEnd) {
            Thread.sleep(200);
        }
        return tracker.unacked(window);
    }
}

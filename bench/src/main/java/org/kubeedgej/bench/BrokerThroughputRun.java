package org.kubeedgej.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Steady load on one broker layout: sender threads as fast as the broker acknowledges durable sends, node queue
 * consumers on the other "replica"; after a warm-up, messages/s, send-to-receive latency, the brokers' and the
 * client's CPU and the load average over the measured window.
 */
final class BrokerThroughputRun {

    private static final int CAPACITY = 2_000_000;
    private static final long DRAIN_QUIET_MILLIS = 5000;

    private BrokerThroughputRun() {
    }

    static void run(BrokerTopology topology, BrokerBenchSettings settings, Path dir, ReportTable table)
            throws Exception {
        DeliveryLedger ledger = new DeliveryLedger(CAPACITY, settings.nodes());
        try (BrokerTopology.Running brokers = topology.start(settings.brokerJar(), dir, settings.port(topology));
                NodeQueueReceivers receivers = new NodeQueueReceivers(brokers.consumerUrls(), settings.nodes(),
                        ledger)) {
            receivers.start();
            long begin = System.nanoTime();
            long end = begin + TimeUnit.SECONDS.toNanos(settings.warmupSeconds() + settings.seconds());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < settings.producers(); t++) {
                NodeQueueSender sender = new NodeQueueSender(brokers.producerUrls(), ledger, t, settings.producers(),
                        settings.nodes(), 0, () -> System.nanoTime() >= end);
                Thread thread = new Thread(sender, "sender-" + t);
                thread.start();
                threads.add(thread);
            }
            TimeUnit.SECONDS.sleep(settings.warmupSeconds());
            long from = System.nanoTime();
            long brokerCpu0 = brokerCpuNanos(brokers);
            long clientCpu0 = clientCpuNanos();
            TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
            long to = System.nanoTime();
            long brokerCpu = brokerCpuNanos(brokers) - brokerCpu0;
            long clientCpu = clientCpuNanos() - clientCpu0;
            String load = MachineLoad.averages();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            awaitQuiet(ledger, settings.drainSeconds(), System.nanoTime());

            double seconds = (to - from) / 1e9;
            List<Long> latencies = ledger.latenciesMicros(from, to);
            List<Long> sends = ledger.sendMicros(from, to);
            table.add(topology.label(), settings.nodes(), settings.producers(),
                    Math.round(sends.size() / seconds), Math.round(ledger.receivedBetween(from, to) / seconds),
                    ms(latencies, 50), ms(latencies, 99), ms(latencies, 100), ms(sends, 50) + " / " + ms(sends, 99),
                    Math.round(100.0 * brokerCpu / (to - from)), Math.round(100.0 * clientCpu / (to - from)), load,
                    ledger.missing().size(), ledger.duplicates(), ledger.outOfOrder());
        }
    }

    /**
     * Waits until every acknowledged message has been received, or nothing has been for a few seconds counted from
     * the later of the last receipt and {@code since}; at most {@code seconds}.
     */
    static void awaitQuiet(DeliveryLedger ledger, int seconds, long since) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            long quietSince = Math.max(since, ledger.lastReceipt());
            if (ledger.missing().isEmpty()
                    || System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(DRAIN_QUIET_MILLIS)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static long brokerCpuNanos(BrokerTopology.Running brokers) {
        long nanos = 0;
        for (BrokerNodeProcess broker : brokers.brokers()) {
            nanos += broker.cpu().toNanos();
        }
        return nanos;
    }

    private static long clientCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime();
    }

    /** @return the percentile in ms with one decimal (p100 is the maximum) */
    static String ms(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) {
            return "-";
        }
        int index = Math.max(0, (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1);
        return String.format("%.1f", sortedMicros.get(index) / 1000.0);
    }
}

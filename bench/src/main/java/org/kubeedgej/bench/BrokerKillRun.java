package org.kubeedgej.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sender at a fixed rate, node queue consumers on the other "replica", kill -9 of one broker mid-run: how long
 * sends and receipts stop, and what is lost, delivered twice or out of order. In the cluster the killed broker is
 * started again on its journal afterwards, and what arrives only then is counted as stranded.
 */
final class BrokerKillRun {

    private static final int CAPACITY = 200_000;

    /**
     * @param topology the layout
     * @param victim index into the layout's brokers (pair: 0 is the primary; cluster: 0 is the producer's A, 1 the
     *        consumers' B)
     */
    record Case(BrokerTopology topology, int victim, String label) {
    }

    private BrokerKillRun() {
    }

    static void run(Case kill, BrokerBenchSettings settings, Path dir, ReportTable table) throws Exception {
        DeliveryLedger ledger = new DeliveryLedger(CAPACITY, settings.nodes());
        try (BrokerTopology.Running brokers = kill.topology().start(settings.brokerJar(), dir,
                settings.port(kill.topology()));
                NodeQueueReceivers receivers = new NodeQueueReceivers(brokers.consumerUrls(), settings.nodes(),
                        ledger)) {
            receivers.start();
            long begin = System.nanoTime();
            long end = begin + TimeUnit.SECONDS.toNanos(settings.killRunSeconds());
            Thread sender = new Thread(new NodeQueueSender(brokers.producerUrls(), ledger, 0, 1, settings.nodes(),
                    settings.killRate(), () -> System.nanoTime() >= end), "sender");
            sender.start();
            TimeUnit.NANOSECONDS.sleep(begin + TimeUnit.SECONDS.toNanos(settings.killAtSeconds()) - System.nanoTime());
            BrokerNodeProcess victim = brokers.brokers().get(kill.victim());
            long killed = System.nanoTime();
            victim.killNine();
            System.out.printf("%s kill -9 of %s done%n", java.time.Instant.now(), victim.name());
            sender.join();
            BrokerThroughputRun.awaitQuiet(ledger, settings.drainSeconds(), System.nanoTime());

            int ackedBefore = ledger.ackedSentBefore(killed, false);
            int ackedAfter = ledger.ackedSentBefore(killed, true);
            List<Integer> missing = ledger.missing();
            String stranded = "-";
            String strandedBack = "-";
            if (kill.topology() == BrokerTopology.CLUSTER && !missing.isEmpty()) {
                long restarted = System.nanoTime();
                victim.restart();
                victim.awaitLine(BrokerNodeProcess.JOINED, 60);
                BrokerThroughputRun.awaitQuiet(ledger, settings.drainSeconds() * 2, System.nanoTime());
                long lastBack = 0;
                int back = 0;
                for (int seq : missing) {
                    if (ledger.receivedAt(seq) != 0) {
                        back++;
                        lastBack = Math.max(lastBack, ledger.receivedAt(seq));
                    }
                }
                stranded = back + " (" + count(missing, ledger, killed, false) + " / "
                        + count(missing, ledger, killed, true) + ")";
                strandedBack = back == 0 ? "-" : secondsAfter(restarted, lastBack);
            }
            List<Integer> lost = ledger.missing();

            long[] perNode = ledger.firstReceiptPerNodeAfter(killed, settings.nodes());
            long neverBack = Arrays.stream(perNode).filter(t -> t == 0).count();
            long lastNode = Arrays.stream(perNode).max().orElse(0);
            long firstReceipt = Arrays.stream(perNode).filter(t -> t != 0).min().orElse(0);
            List<Long> moved = receivers.resubscribedAt();
            List<Long> before = ledger.latenciesMicros(begin, killed);
            table.add(kill.topology().label(), kill.label(),
                    BrokerThroughputRun.ms(before, 50) + " / " + BrokerThroughputRun.ms(before, 99),
                    secondsAfter(killed, ledger.firstAckAfter(killed)),
                    ledger.failedAttempts(), secondsAfter(killed, firstReceipt),
                    neverBack == 0 ? secondsAfter(killed, lastNode) : neverBack + " nodes never",
                    moved.isEmpty() ? "-" : moved.size() + " at " + secondsAfter(killed, moved.get(moved.size() - 1)),
                    ackedBefore + " + " + ackedAfter, missing.size(), stranded, strandedBack, lost.size(),
                    ledger.duplicates(), ledger.outOfOrder());
        }
    }

    /** @return how many of {@code missing} were sent before (or after) the kill and arrived late */
    private static int count(List<Integer> missing, DeliveryLedger ledger, long killed, boolean after) {
        int count = 0;
        for (int seq : missing) {
            if (ledger.receivedAt(seq) != 0 && (ledger.sentAt(seq) >= killed) == after) {
                count++;
            }
        }
        return count;
    }

    private static String secondsAfter(long from, long at) {
        return at == 0 ? "never" : String.format("%.2f", (at - from) / 1e9);
    }
}

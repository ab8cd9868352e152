package it.org.kubeedgej.faults;

import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.TwinReporter;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The changes that flow while servers are killed, each on its own thread so that a dead edgecore (mapper reports
 * fail) does not hold up the cluster's changes: cluster changes every few hundred milliseconds, and twin reports
 * with an ever larger value.
 */
public final class ChangeStreams {

    private final ClusterChanges cluster;
    private final TwinReporter twin;
    private final long seed;
    private final AtomicLong lastValue;
    private final AtomicInteger confirmed = new AtomicInteger();
    private final AtomicInteger unconfirmed = new AtomicInteger();
    private volatile boolean running;
    private Thread clusterThread;
    private Thread twinThread;

    /**
     * @param lastValue the last twin value reported so far (the next report is one more)
     */
    public ChangeStreams(ClusterChanges cluster, TwinReporter twin, long seed, long lastValue) {
        this.cluster = cluster;
        this.twin = twin;
        this.seed = seed;
        this.lastValue = new AtomicLong(lastValue);
    }

    public void start() {
        running = true;
        Random clusterPace = new Random(seed + 1);
        Random twinPace = new Random(seed + 2);
        clusterThread = new Thread(() -> {
            while (running) {
                cluster.step();
                Http.pause(Duration.ofMillis(300 + clusterPace.nextInt(500)));
            }
        }, "kill-nine-cluster-changes");
        twinThread = new Thread(() -> {
            while (running) {
                try {
                    if (twin.report(lastValue.incrementAndGet(), 3000)) {
                        confirmed.incrementAndGet();
                    } else {
                        // Perhaps applied, perhaps not: a later, larger value settles it.
                        unconfirmed.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                Http.pause(Duration.ofMillis(300 + twinPace.nextInt(500)));
            }
        }, "kill-nine-twin-reports");
        clusterThread.start();
        twinThread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        if (clusterThread != null) {
            clusterThread.join(30_000);
        }
        if (twinThread != null) {
            twinThread.join(30_000);
        }
    }

    /** @return the largest twin value published so far */
    public long lastValue() {
        return lastValue.get();
    }

    public int confirmedReports() {
        return confirmed.get();
    }

    public int unconfirmedReports() {
        return unconfirmed.get();
    }
}

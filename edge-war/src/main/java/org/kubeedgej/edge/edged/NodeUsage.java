package org.kubeedgej.edge.edged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The node's CPU and memory from /proc, as the kubelet's Summary API gives them: CPU as the rate between this reading
 * and the previous one (the first call reads twice, {@value #FIRST_WINDOW_MILLIS} ms apart), memory working set as
 * MemTotal minus MemAvailable.
 */
final class NodeUsage {

    static final long FIRST_WINDOW_MILLIS = 500;
    /** Linux's USER_HZ: /proc/stat counts in hundredths of a second. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Path proc;
    private long lastAtNanos;
    private long lastBusyNanos = -1;

    NodeUsage(Path proc) {
        this.proc = proc;
    }

    synchronized ContainerUsage read() throws IOException, InterruptedException {
        long busy = busyNanos();
        long at = System.nanoTime();
        if (lastBusyNanos < 0 || at - lastAtNanos > 60_000_000_000L) {
            lastBusyNanos = busy;
            lastAtNanos = at;
            Thread.sleep(FIRST_WINDOW_MILLIS);
            busy = busyNanos();
            at = System.nanoTime();
        }
        long nanoCores = at > lastAtNanos ? (long) ((busy - lastBusyNanos) * 1e9 / (at - lastAtNanos)) : 0;
        lastBusyNanos = busy;
        lastAtNanos = at;
        long total = 0;
        long available = 0;
        for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line) * 1024;
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line) * 1024;
            }
        }
        return new ContainerUsage(Instant.now(), Math.max(0, nanoCores), busy, total - available, total - available);
    }

    /** CPU time not idle and not waiting on I/O, over all CPUs. */
    private long busyNanos() throws IOException {
        List<String> lines = Files.readAllLines(proc.resolve("stat"));
        String[] fields = lines.get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy * NANOS_PER_TICK;
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}

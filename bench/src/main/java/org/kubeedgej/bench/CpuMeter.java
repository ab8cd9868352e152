package org.kubeedgej.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used over a phase, per process (named PIDs, from /proc through ProcessHandle) and for the whole machine (the
 * first line of /proc/stat), both in % of one core: on a machine shared with other sessions, the gap between the
 * machine's figure and the sum of ours is what others used.
 */
final class CpuMeter {

    private final Map<String, Long> pids;
    private final Map<String, Long> startNanos = new LinkedHashMap<>();
    private long[] machineStart;
    private long wallStart;

    /** @param pids processes to follow, by the name the report gives them */
    CpuMeter(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    /** Starts a phase. */
    void start() {
        wallStart = System.nanoTime();
        machineStart = machineTicks();
        pids.forEach((name, pid) -> startNanos.put(name, ChildProcess.cpuOf(pid).toNanos()));
    }

    /** @return CPU over the phase since {@link #start()} */
    Shares stop() {
        double wall = System.nanoTime() - wallStart;
        Map<String, Double> percent = new LinkedHashMap<>();
        pids.forEach((name, pid) -> percent.put(name,
                100.0 * (ChildProcess.cpuOf(pid).toNanos() - startNanos.get(name)) / wall));
        long[] machineEnd = machineTicks();
        double machine = -1;
        if (machineStart != null && machineEnd != null && machineEnd[1] > machineStart[1]) {
            int cores = Runtime.getRuntime().availableProcessors();
            machine = 100.0 * cores * (machineEnd[0] - machineStart[0]) / (machineEnd[1] - machineStart[1]);
        }
        return new Shares(percent, machine, wall / 1e9);
    }

    /** @return {busy, total} ticks of all cores from /proc/stat (busy: all but idle and iowait), or null */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param byProcess % of one core per process
     * @param machine % of one core used on the whole machine (cores x 100 is all of it), -1 when unknown
     * @param seconds length of the phase
     */
    record Shares(Map<String, Double> byProcess, double machine, double seconds) {

        /** @return the processes' sum */
        double ours() {
            return byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}

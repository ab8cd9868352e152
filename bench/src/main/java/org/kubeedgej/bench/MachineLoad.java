package org.kubeedgej.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average from /proc/loadavg: the benches share a busy machine, so reports print it. */
final class MachineLoad {

    private MachineLoad() {
        throw new AssertionError();
    }

    /** @return "1-min 5-min 15-min", or "?" */
    static String averages() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** @return e.g. "2 cores, 24036 MiB RAM, Java 17.0.15", for a report's first line */
    static String machine() {
        long ramMib = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
        return Runtime.getRuntime().availableProcessors() + " cores, " + ramMib + " MiB RAM, Java "
                + System.getProperty("java.version");
    }

    /** @return the 1-minute load average, or -1 */
    static double oneMinute() {
        try {
            return Double.parseDouble(averages().split(" ")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

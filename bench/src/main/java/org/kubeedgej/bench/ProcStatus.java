package org.kubeedgej.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fields of {@code /proc/<pid>/status}: how the benches read a server's resident memory and thread count. */
final class ProcStatus {

    private ProcStatus() {
        throw new AssertionError();
    }

    /** @return VmRSS of the process in bytes, or -1 (gone, or no such PID) */
    static long rssBytes(long pid) {
        long kib = field(pid, "VmRSS:");
        return kib < 0 ? -1 : kib * 1024;
    }

    /** @return the process's thread count, or -1 */
    static long threads(long pid) {
        return field(pid, "Threads:");
    }

    /** @return the number in a field (kB for memory), or -1 */
    private static long field(long pid, String field) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

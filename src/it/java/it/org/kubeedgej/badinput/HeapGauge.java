package it.org.kubeedgej.badinput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM's used heap, read with {@code jcmd <pid> GC.heap_info} (G1 reports one heap line, Serial a line per
 * generation). A reading over the bound is taken again after {@code GC.run}: garbage not yet collected is no leak.
 */
final class HeapGauge {

    private static final Pattern USED = Pattern.compile("(heap|generation)\\s+total \\d+K, used (\\d+)K");

    private HeapGauge() {
        throw new AssertionError();
    }

    /** @return the used heap in MiB after a full GC if the plain reading exceeds {@code boundMb} */
    static long usedMb(long pid, long boundMb) throws IOException, InterruptedException {
        long used = read(pid);
        if (used > boundMb) {
            jcmd(pid, "GC.run");
            used = read(pid);
        }
        return used;
    }

    private static long read(long pid) throws IOException, InterruptedException {
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        long kib = 0;
        boolean found = false;
        while (m.find()) {
            kib += Long.parseLong(m.group(2));
            found = true;
        }
        if (!found) {
            throw new AssertionError("cannot read the heap of PID " + pid + " from: " + info);
        }
        return kib / 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}

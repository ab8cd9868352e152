package it.org.kubeedgej.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Starts test servers with HotSpot's class data sharing. Loading and verifying some 17,000 classes is most of a
 * Liberty start; a dynamic CDS archive holds them already parsed, so a CloudCore was ready in 10.1-12.7 s against
 * 14.1-15.4 s, with a quarter less CPU (one server directory, three starts each, docs/benchmarks.md). The first
 * server of each kind writes the archive when it exits ({@code -XX:ArchiveClassesAtExit}, about 4 s more at its
 * stop); once one stopped cleanly, later servers of that kind map it ({@code -XX:SharedArchiveFile}). Only where
 * classes come from changes, not what runs: the JIT, the heap and the code are the same. The JVM checks the archive
 * against its own build and class path and starts without it, saying so, when they differ. Liberty's Java agent
 * must be allowed while archiving, a diagnostic option. {@code -Dkubeedgej.it.classArchives=false} turns this off.
 */
final class SharedClassArchives {

    private static final boolean ENABLED = Boolean.parseBoolean(
            System.getProperty("kubeedgej.it.classArchives", "true"));
    private static final String UNLOCK = "-XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent";

    private SharedClassArchives() {
    }

    /**
     * @param name cloudcore or edgecore
     * @param userDir the new server's private user directory
     * @return the JVM options that map the archive of servers called {@code name}, or that write one into
     *         {@code userDir} at exit when none is kept yet; empty when turned off
     */
    static synchronized String jvmOptions(String name, Path userDir) {
        if (!ENABLED) {
            return "";
        }
        Path kept = keptFor(name);
        if (Files.isRegularFile(kept)) {
            return UNLOCK + " -XX:SharedArchiveFile=" + kept;
        }
        return UNLOCK + " -XX:ArchiveClassesAtExit=" + written(userDir);
    }

    /** Keeps the archive a cleanly stopped server wrote, if none is kept for its kind yet. */
    static synchronized void keep(String name, Path userDir) {
        Path kept = keptFor(name);
        Path written = written(userDir);
        if (!ENABLED || Files.isRegularFile(kept) || !Files.isRegularFile(written)) {
            return;
        }
        try {
            Files.createDirectories(kept.getParent());
            Files.move(written, kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only a cache: the next server writes one again.
            System.err.println("SharedClassArchives: not keeping " + written + ": " + e);
        }
    }

    private static Path written(Path userDir) {
        return userDir.resolve("classes.jsa");
    }

    private static Path keptFor(String name) {
        return Path.of(System.getProperty("it.work.dir"), "class-archives", name + ".jsa");
    }
}

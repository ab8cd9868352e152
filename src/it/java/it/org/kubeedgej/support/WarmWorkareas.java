package it.org.kubeedgej.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Starts test servers from a warm Liberty workarea. {@link LibertyServer} gives every server a fresh copy of the
 * packaged server directory, so each start resolved its features and built the OSGi bundle cache again: 15 s to
 * ready for a CloudCore against 9.6 s with the cache kept (measured on one server directory started twice). The
 * workarea of the first server of each kind that stops cleanly is kept here, and later servers of that kind start
 * from a copy of it. Liberty checks a workarea against the installation and the configuration at every start and
 * rebuilds what no longer matches, so a copy is a cache, never a source of configuration. A server killed with
 * SIGKILL never gives its workarea. {@code -Dkubeedgej.it.warmWorkareas=false} turns this off.
 */
final class WarmWorkareas {

    private static final boolean ENABLED = Boolean.parseBoolean(
            System.getProperty("kubeedgej.it.warmWorkareas", "true"));

    private WarmWorkareas() {
    }

    /** Copies the kept workarea of servers called {@code name}, if there is one, into a new server directory. */
    static synchronized void seed(String name, Path serverDir) throws IOException {
        Path kept = keptFor(name);
        if (ENABLED && Files.isDirectory(kept)) {
            FileTrees.copy(kept, serverDir.resolve("workarea"));
        }
    }

    /** Keeps the workarea of a server that has just stopped cleanly, if none is kept for its kind yet. */
    static synchronized void keep(String name, Path serverDir) {
        Path kept = keptFor(name);
        Path workarea = serverDir.resolve("workarea");
        if (!ENABLED || Files.isDirectory(kept) || !Files.isDirectory(workarea)) {
            return;
        }
        Path partial = kept.resolveSibling(kept.getFileName() + ".partial");
        try {
            FileTrees.delete(partial);
            FileTrees.copy(workarea, partial);
            Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            // Only a cache: the next server starts cold, as without it.
            System.err.println("WarmWorkareas: not keeping the workarea of " + serverDir + ": " + e);
        }
    }

    private static Path keptFor(String name) {
        return Path.of(System.getProperty("it.work.dir"), "warm-workareas", name);
    }
}

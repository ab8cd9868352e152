package org.kubeedgej.edge.metamanager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;

/**
 * The edge database's size on disk (Derby's directory: data segments, log and temp), for /metrics. Read at most
 * every {@value #REREAD_MILLIS} ms: a scrape must not walk the directory each time.
 */
@ApplicationScoped
public class EdgeDatabaseSize {

    static final long REREAD_MILLIS = 30_000;
    private static final String DERBY_PREFIX = "jdbc:derby:";

    @Inject
    EdgeDatabase database;

    private long readAtMillis;
    private long bytes = -1;

    /** @return bytes on disk, or -1 when the directory cannot be read */
    public synchronized long bytes() {
        long now = System.currentTimeMillis();
        if (bytes >= 0 && now - readAtMillis < REREAD_MILLIS) {
            return bytes;
        }
        readAtMillis = now;
        try {
            String url = database.check().url();
            if (!url.startsWith(DERBY_PREFIX)) {
                return bytes = -1;
            }
            String directory = url.substring(DERBY_PREFIX.length());
            int options = directory.indexOf(';');
            bytes = sizeOf(Path.of(options < 0 ? directory : directory.substring(0, options)));
        } catch (SQLException | IOException | RuntimeException e) {
            bytes = -1;
        }
        return bytes;
    }

    static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0; // removed while walking (Derby rotates its log)
                }
            }).sum();
        }
    }
}

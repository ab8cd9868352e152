package it.org.kubeedgej.badinput;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Clients that connect, send part of a request (or nothing) and then stall, opened when the suite starts so the
 * other cases run while they hang on; at the end each group is asserted to have been cut off by the server.
 */
final class StalledClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();
    private final List<CompletableFuture<Duration>> closes = new ArrayList<>();

    /**
     * Opens {@code count} connections to the port, each sending {@code partial} and then nothing.
     *
     * @return the group, to await
     */
    static StalledClients open(int port, byte[] partial, int count) throws IOException {
        StalledClients group = new StalledClients();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(partial);
            socket.getOutputStream().flush();
            group.sockets.add(socket);
            CompletableFuture<Duration> closed = new CompletableFuture<>();
            long start = System.nanoTime();
            Thread watcher = new Thread(() -> {
                try (InputStream in = socket.getInputStream()) {
                    byte[] buffer = new byte[1024];
                    while (in.read(buffer) >= 0) {
                        // whatever the server says before it closes
                    }
                } catch (IOException endedByReset) {
                    // a reset also ends the connection
                }
                closed.complete(Duration.ofNanos(System.nanoTime() - start));
            }, "stalled-client-" + port + "-" + i);
            watcher.setDaemon(true);
            watcher.start();
            group.closes.add(closed);
        }
        return group;
    }

    /**
     * @param wait how long at most to wait for the server to cut each one off
     * @return the longest time a connection stayed open; fails if one is still open
     */
    Duration awaitAllClosed(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        Duration longest = Duration.ZERO;
        for (CompletableFuture<Duration> close : closes) {
            try {
                Duration d = close.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                longest = d.compareTo(longest) > 0 ? d : longest;
            } catch (TimeoutException e) {
                throw new AssertionError("a stalled client is still connected after " + wait);
            }
        }
        return longest;
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing only
            }
        }
    }
}

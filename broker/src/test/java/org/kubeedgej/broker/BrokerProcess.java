package org.kubeedgej.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One {@link StandaloneBrokerMain} in a JVM of its own, its output kept so a test can wait for a line. */
final class BrokerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private BrokerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::readOutput, "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static BrokerProcess start(String name, BrokerRole role, int port, int peerPort, Path dataDir)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // Surefire runs tests from a manifest-only jar; its property holds the real class path.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", classPath,
                StandaloneBrokerMain.class.getName(), "--role=" + role.name().toLowerCase(), "--port=" + port,
                "--data-dir=" + dataDir));
        if (peerPort > 0) {
            command.add("--peer-port=" + peerPort);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new BrokerProcess(name, process);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process is gone; what it printed stays.
        }
    }

    /** Waits for a line starting with {@code prefix}; fails with the process's output when it does not come. */
    void awaitLine(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || (!process.isAlive() && lines.stream().noneMatch(l -> l.startsWith(prefix)))) {
                    throw new AssertionError(name + " did not print '" + prefix + "' within " + seconds
                            + " s (alive: " + process.isAlive() + "); its output:\n" + String.join("\n", lines));
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    /** SIGKILL: no shutdown hook, no clean close of the journal or the cluster connection. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

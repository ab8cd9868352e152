package it.org.kubeedgej.ha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One half of the standalone broker pair (module broker, kubeedge-broker.jar) in a JVM of its own; its ready file
 * says whether it serves clients ({@code active}) or holds an in-sync replica ({@code backup}).
 */
final class StandaloneBrokerProcess implements AutoCloseable {

    private final String role;
    private final Process process;
    private final Path readyFile;
    private final Path log;

    private StandaloneBrokerProcess(String role, Process process, Path readyFile, Path log) {
        this.role = role;
        this.process = process;
        this.readyFile = readyFile;
        this.log = log;
    }

    static StandaloneBrokerProcess start(String role, int port, int peerPort, Path work) throws IOException {
        Path jar = Path.of(System.getProperty("kubeedgej.root"), "broker", "target", "kubeedge-broker.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn install -DskipTests first");
        }
        Path dir = Files.createDirectories(work.resolve("broker-" + role));
        Path ready = dir.resolve("ready");
        Files.deleteIfExists(ready);
        Path log = dir.resolve("broker.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--role=" + role,
                "--port=" + port, "--peer-port=" + peerPort, "--data-dir=" + dir.resolve("data"),
                "--ready-file=" + ready).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new StandaloneBrokerProcess(role, process, ready, log);
    }

    /** Waits until the ready file starts with {@code state}; fails naming the log when it does not. */
    void await(String state, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state().startsWith(state)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("the " + role + " broker is not '" + state + "' within " + timeout
                        + " (alive: " + process.isAlive() + "); see " + log);
            }
            Thread.sleep(50);
        }
    }

    private String state() throws IOException {
        return Files.exists(readyFile) ? Files.readString(readyFile) : "";
    }

    /** SIGKILL: no shutdown hook, no clean close of the journal or of the pair's cluster connection. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package it.org.kubeedgej.ha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One half of the standalone broker pair (module broker, kubeedge-broker.jar) in a JVM of its own; its ready file
 * says whether it serves clients ({@code active}) or holds an in-sync replica ({@code backup}). Also started by the
 * deploy tests with the arguments of deploy/ha's StatefulSets.
 */
public final class StandaloneBrokerProcess implements AutoCloseable {

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
        Path dir = Files.createDirectories(work.resolve("broker-" + role));
        Path ready = dir.resolve("ready");
        return run(role, List.of("-Xmx256m"), List.of("--role=" + role, "--port=" + port, "--peer-port=" + peerPort,
                "--data-dir=" + dir.resolve("data"), "--ready-file=" + ready), Map.of(), ready,
                dir.resolve("broker.log"));
    }

    /**
     * @param role what the failure messages call it
     * @param jvmOptions before {@code -jar}
     * @param args the broker's own, which must name {@code readyFile} as {@code --ready-file}
     * @param env added to this process's environment (the pair's password, JAVA_TOOL_OPTIONS)
     * @param readyFile deleted first, so {@link #await} sees only what this process writes
     * @param log stdout and stderr
     * @return the started process
     * @throws IOException when it cannot be started
     */
    public static StandaloneBrokerProcess run(String role, List<String> jvmOptions, List<String> args,
            Map<String, String> env, Path readyFile, Path log) throws IOException {
        Path jar = Path.of(System.getProperty("kubeedgej.root"), "broker", "target", "kubeedge-broker.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn install -DskipTests first");
        }
        Files.deleteIfExists(readyFile);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new StandaloneBrokerProcess(role, builder.start(), readyFile, log);
    }

    /** Waits until the ready file starts with {@code state}; fails naming the log when it does not. */
    public void await(String state, Duration timeout) throws IOException, InterruptedException {
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

package org.kubeedgej.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One standalone broker ({@code broker/target/kubeedge-broker.jar}) in a JVM of its own, as bin/kubeedge-j runs it;
 * its output goes to a log file and is kept so the bench can wait for the lines it prints when ready.
 */
final class BrokerNodeProcess implements AutoCloseable {

    static final String ACTIVE = "KUBEEDGEJ-BROKER ACTIVE";
    static final String IN_SYNC = "KUBEEDGEJ-BROKER BACKUP-IN-SYNC";
    static final String JOINED = "KUBEEDGEJ-BROKER CLUSTER-JOINED";

    private final String name;
    private final List<String> command;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private Process process;
    private int startedLines;

    private BrokerNodeProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = command;
        this.log = log;
    }

    /** Starts {@code java -jar brokerJar --role=role --port=port [--peer-port=peerPort] --data-dir=dir/name}. */
    static BrokerNodeProcess start(Path brokerJar, Path dir, String name, String role, int port, int peerPort)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", brokerJar.toString(),
                "--role=" + role, "--port=" + port, "--data-dir=" + dir.resolve(name)));
        if (peerPort > 0) {
            command.add("--peer-port=" + peerPort);
        }
        BrokerNodeProcess broker = new BrokerNodeProcess(name, command, dir.resolve(name + ".log"));
        broker.launch();
        return broker;
    }

    private void launch() throws IOException {
        synchronized (lines) {
            startedLines = lines.size();
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Process current = process;
        Thread reader = new Thread(() -> readOutput(current), "output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readOutput(Process from) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process is gone; what it printed stays in the log.
        }
    }

    /** Waits for a line starting with {@code prefix} printed since the last (re)start. */
    void awaitLine(String prefix, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (lines.subList(startedLines, lines.size()).stream().noneMatch(l -> l.startsWith(prefix))) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("broker " + name + " did not print '" + prefix + "' within "
                            + seconds + " s (alive: " + process.isAlive() + "); see " + log);
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    /** @return CPU time the broker's JVM has used so far (0 once it is gone) */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    String name() {
        return name;
    }

    /** @return the broker JVM's PID, or -1 before it started */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGKILL: no shutdown hook, no clean close of the journal or the cluster connection. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the same command again, on the same journal. */
    void restart() throws IOException {
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            ChildProcess.stop(process.toHandle(), Duration.ofSeconds(15));
        }
    }
}

package org.kubeedgej.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server the replica benchmark starts (development API server, CloudCore replica), with its output in a log file.
 * Its PID and start time go to a PID file as well, so bench/run-replicas.sh can stop what is left if this JVM dies
 * without its shutdown hook (the start time keeps a reused PID safe). Stopped by its own handle, never by name.
 */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param name for logs and the report, e.g. "cloudcore-1"
     * @param command the command line
     * @param env added to this JVM's environment
     * @param log where its stdout and stderr go
     * @param pidFile where "PID start-time name" is appended
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log, Path pidFile)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        record(pidFile, process.pid(), name);
        return new ChildProcess(name, process, log);
    }

    /** Appends "PID start-time name" to the PID file (nothing when the process is already gone). */
    static void record(Path pidFile, long pid, String name) throws IOException {
        String started = startTicks(pid);
        if (started != null) {
            Files.writeString(pidFile, pid + " " + started + " " + name + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** @return field 22 of /proc/PID/stat (start time in clock ticks since boot), or null */
    private static String startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * @return the JVM: the process itself when its launcher exec'd java (Liberty's {@code server run}, {@code nice}),
     *         else its first java descendant; -1 when gone
     */
    long jvmPid() {
        if (!process.isAlive()) {
            return -1;
        }
        ProcessHandle self = process.toHandle();
        if (isJava(self)) {
            return self.pid();
        }
        return self.descendants().filter(ChildProcess::isJava).mapToLong(ProcessHandle::pid).findFirst()
                .orElse(self.pid());
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** @return CPU time its JVM has used so far (zero once gone) */
    Duration cpu() {
        return cpuOf(jvmPid());
    }

    /** @return CPU time of a process, zero when it is gone or unreadable */
    static Duration cpuOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** SIGTERM to the JVM and the launcher (a clean stop: CloudCore gives up its Lease), then SIGKILL after grace. */
    void stop(Duration grace) {
        Optional<ProcessHandle> jvm = ProcessHandle.of(jvmPid());
        jvm.ifPresent(handle -> stop(handle, grace));
        stop(process.toHandle(), grace);
    }

    /** Stops one process by its handle: SIGTERM, up to {@code grace} to exit, then SIGKILL. */
    static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            handle.destroyForcibly();
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(error -> null).join();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package it.org.kubeedgej.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged KubeEdge-J server (cloudcore or edgecore) started for a test class: its server directory, as
 * the build assembled it, is copied into a private Liberty user directory and run with {@code server run},
 * so this process owns the server's PID and stops it by that PID.
 */
public final class LibertyServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /**
     * Test servers compile with C1 only, as EdgeCore's packaged jvm.options already do: on the 2-core test machines a
     * CloudCore start took 25-30 % less time and 40 % less CPU (10.6 -> 7.9 s and 13.7 -> 9.7 s to ready), and the
     * suite starts about 85 servers. The packaged CloudCore keeps C2 for throughput. Liberty's server script appends
     * JVM_ARGS to jvm.options; a test's own JVM_ARGS come after these. (Tried before and reverted while two fault
     * tests failed with it; both failures were product bugs that a slower CloudCore made likelier, fixed since.)
     */
    static final String TEST_JVM_ARGS = "-XX:TieredStopAtLevel=1";

    private final String name;
    private final int httpPort;
    private final Path userDir;
    private final Process process;

    private LibertyServer(String name, int httpPort, Path userDir, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.userDir = userDir;
        this.process = process;
    }

    /**
     * Starts a server and waits until /health/started answers UP.
     *
     * @param name cloudcore or edgecore
     * @param httpPort its plain HTTP port
     * @param env extra environment (configuration overrides)
     * @return the running server
     */
    public static LibertyServer start(String name, int httpPort, Map<String, String> env) {
        Path source = Path.of(System.getProperty(name + ".server.dir"));
        Path userDir = Path.of(System.getProperty("it.work.dir"), "usr-" + name + "-" + httpPort);
        Path serverDir = userDir.resolve("servers").resolve(name);
        try {
            keepLogsOfEarlierRun(userDir.resolve("servers").resolve(name).resolve("logs"),
                    Path.of(System.getProperty("it.work.dir"), "earlier-logs",
                            name + "-" + httpPort + "-" + System.nanoTime()));
            FileTrees.delete(userDir);
            copyTree(source, serverDir);
            WarmWorkareas.seed(name, serverDir);
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("wlp.home"), "bin", "server").toString(), "run", name);
            builder.environment().put("WLP_USER_DIR", userDir.toString());
            builder.environment().put(name.toUpperCase() + "_HTTP_PORT", String.valueOf(httpPort));
            // Ports derived from the HTTP port, so no test server meets another one or a running `up`.
            builder.environment().put("CLOUDHUB_PORT", String.valueOf(hubPort(httpPort)));
            builder.environment().put("CLOUDHUB_HTTPS_PORT", String.valueOf(httpPort + 2000));
            builder.environment().put("MODULES_CLOUDHUB_BROKER_PORT", String.valueOf(brokerPort(httpPort)));
            builder.environment().put("CLOUDSTREAM_TUNNEL_PORT", String.valueOf(tunnelPort(httpPort)));
            builder.environment().put("CLOUDSTREAM_PORT", String.valueOf(streamPort(httpPort)));
            builder.environment().put("CLOUDSTREAM_BACKEND_PORT", String.valueOf(httpPort + 9000));
            builder.environment().put("MODULES_EVENTBUS_MQTTSERVERINTERNAL", "tcp://127.0.0.1:" + mqttPort(httpPort));
            builder.environment().put("MODULES_SERVICEBUS_PORT", String.valueOf(serviceBusPort(httpPort)));
            builder.environment().put("MODULES_METAMANAGER_METASERVER_SERVER",
                    "127.0.0.1:" + metaServerPort(httpPort));
            builder.environment().putAll(env);
            builder.environment().put("JVM_ARGS", (TEST_JVM_ARGS + " " + env.getOrDefault("JVM_ARGS", "")).trim());
            String classArchive = SharedClassArchives.jvmOptions(name, userDir);
            if (!classArchive.isEmpty()) {
                builder.environment().merge("JVM_ARGS", classArchive, (given, added) -> given + " " + added);
            }
            builder.redirectErrorStream(true);
            builder.redirectOutput(userDir.resolve("console.log").toFile());
            LibertyServer server = new LibertyServer(name, httpPort, userDir, builder.start());
            server.awaitStarted();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " from " + source, e);
        }
    }

    /*
     * Every derived port stays below 32768, the start of Linux's ephemeral range: a listener placed there can find
     * its port taken by some outgoing connection of the test run, and then the server starts without it (a CI run
     * lost CloudCore's broker that way on 59480).
     */

    /** @param httpPort a test server's HTTP port @return its CloudHub WebSocket port */
    public static int hubPort(int httpPort) {
        return httpPort + 1000;
    }

    /** @param httpPort a test cloudcore's HTTP port @return its CloudStream tunnel port */
    public static int tunnelPort(int httpPort) {
        return httpPort + 7000;
    }

    /** @param hubPort a test cloudcore's CloudHub port @return its CloudStream tunnel port */
    public static int tunnelPortForHub(int hubPort) {
        return tunnelPort(hubPort - 1000);
    }

    /** @param httpPort a test cloudcore's HTTP port @return its CloudStream port, where the API server calls */
    public static int streamPort(int httpPort) {
        return httpPort + 8000;
    }

    /** @param httpPort a test cloudcore's HTTP port @return its embedded broker's CORE port */
    public static int brokerPort(int httpPort) {
        return httpPort + 3000;
    }

    /** @param httpPort a test edgecore's HTTP port @return its embedded MQTT broker's port */
    public static int mqttPort(int httpPort) {
        return httpPort + 4000;
    }

    /** @param httpPort a test edgecore's HTTP port @return its ServiceBus port */
    public static int serviceBusPort(int httpPort) {
        return httpPort + 5000;
    }

    /** @param httpPort a test edgecore's HTTP port @return its MetaServer port */
    public static int metaServerPort(int httpPort) {
        return httpPort + 6000;
    }

    private void awaitStarted() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + consoleLog());
            }
            try {
                HttpResponse<String> response = Http.get(url("/health/started"));
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Http.pause(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException(name + " did not report started within " + START_TIMEOUT + "; see "
                + consoleLog());
    }

    /** @param path a path on the server's HTTP port @return its URL */
    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    /** @return the server's console log, for failure messages */
    public Path consoleLog() {
        return userDir.resolve("console.log");
    }

    /** @return the server's messages.log */
    public Path messagesLog() {
        return userDir.resolve("servers").resolve(name).resolve("logs").resolve("messages.log");
    }

    /** @return the JVM's PID */
    public long pid() {
        return process.pid();
    }

    /**
     * Kills the JVM by its PID with SIGKILL ({@code kill -9}): no shutdown hook runs, nothing is flushed or closed,
     * as in a crash. {@code server run} execs the JVM, so the PID is the JVM's. State meant to survive (an edge
     * database, a broker journal) must live outside the user directory, which {@link #start} recreates.
     */
    public void killNine() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (PID " + process.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server by its PID (SIGTERM, so Liberty shuts down cleanly), killing it if it hangs. */
    @Override
    public void close() {
        boolean running = process.isAlive();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } else if (running) {
                WarmWorkareas.keep(name, userDir.resolve("servers").resolve(name));
                SharedClassArchives.keep(name, userDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A restarted server's earlier logs are kept, so a failure before the restart can still be read. */
    private static void keepLogsOfEarlierRun(Path logs, Path archive) throws IOException {
        if (Files.isDirectory(logs)) {
            copyTree(logs, archive);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("no packaged server at " + from + "; run the Maven build first");
        }
        FileTrees.copy(from, to);
    }
}

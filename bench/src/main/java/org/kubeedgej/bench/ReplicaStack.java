package org.kubeedgej.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one layout runs, started fresh so no layout inherits another's API objects (ObjectSync records, the
 * Lease) or journal: the development API server (niced, as in bench/run-cloudhub.sh: it stands in for a control
 * plane on other machines) with crds/ applied, the broker pair as {@code up --ha} starts it (primary active, then
 * the backup in sync), and the CloudCore replicas, started together. Closed in {@code down}'s order: replicas,
 * backup, primary, API server.
 */
final class ReplicaStack implements AutoCloseable {

    private static final Duration REPLICA_GRACE = Duration.ofSeconds(60);

    private final ReplicaLayout layout;
    private final int brokerPort;
    private final List<CloudCoreReplica> replicas = new ArrayList<>();
    private final List<BrokerNodeProcess> brokers = new ArrayList<>();
    private ChildProcess apiServer;

    private ReplicaStack(ReplicaLayout layout, int brokerPort) {
        this.layout = layout;
        this.brokerPort = brokerPort;
    }

    static ReplicaStack start(ReplicaLayout layout, ReplicaBenchSettings settings, PrintStream out)
            throws IOException, InterruptedException {
        int base = settings.basePort();
        for (int port : layout.ports(base)) {
            if (inUse(port)) {
                throw new IllegalStateException("port " + port + " is in use: stop what listens there (ss -ltnp)"
                        + " or give --base-port");
            }
        }
        Path dir = Files.createDirectories(settings.workDir().resolve(layout.name().toLowerCase()));
        ReplicaStack stack = new ReplicaStack(layout, layout.pair() ? layout.primaryPort(base)
                : layout.embeddedBrokerPort(base));
        try {
            long t = System.nanoTime();
            Path kubeconfig = stack.startApiServer(settings, dir, layout.apiServerPort(base));
            Map<String, String> broker = layout.pair() ? stack.startPair(settings, dir, base)
                    : CloudCoreReplica.embeddedBroker(layout.embeddedBrokerPort(base), dir.resolve("artemis"));
            for (int r = 0; r < layout.replicas(); r++) {
                stack.replicas.add(CloudCoreReplica.start(settings, "cloudcore-" + (r + 1), dir,
                        layout.httpPort(base, r), kubeconfig, broker));
            }
            for (CloudCoreReplica replica : stack.replicas) {
                replica.awaitReady(settings.startSeconds());
            }
            out.printf("%s: up in %.0f s (%s)%n", layout.label(), (System.nanoTime() - t) / 1e9, stack.processes()
                    .entrySet().stream().map(e -> e.getKey() + " PID " + e.getValue()).toList());
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private Path startApiServer(ReplicaBenchSettings settings, Path dir, int port)
            throws IOException, InterruptedException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Path ready = dir.resolve("apiserver.ready");
        String java = ProcessHandle.current().info().command().orElse("java");
        apiServer = ChildProcess.start("apiserver", List.of("nice", "-n", "19", java,
                "-Dsun.net.httpserver.nodelay=true", "-jar", settings.apiServerJar().toString(), "--port",
                String.valueOf(port), "--kubeconfig", kubeconfig.toString(), "--ready-file", ready.toString()),
                Map.of(), dir.resolve("apiserver.log"), settings.pidFile());
        for (int i = 0; !(Files.exists(ready) && Files.size(ready) > 0); i++) {
            if (!apiServer.alive() || i > 600) {
                throw new IllegalStateException("the development API server did not start; see " + apiServer.log());
            }
            Thread.sleep(100);
        }
        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "apply", "-f",
                settings.crdsDir().toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("crds.log").toFile()).start();
        if (kubectl.waitFor() != 0) {
            throw new IllegalStateException("kubectl apply -f " + settings.crdsDir() + " failed; see "
                    + dir.resolve("crds.log"));
        }
        return kubeconfig;
    }

    private Map<String, String> startPair(ReplicaBenchSettings settings, Path dir, int base)
            throws IOException, InterruptedException {
        int primary = layout.primaryPort(base);
        int backup = layout.backupPort(base);
        BrokerNodeProcess first = BrokerNodeProcess.start(settings.brokerJar(), dir, "broker-primary", "primary",
                primary, backup);
        brokers.add(first);
        ChildProcess.record(settings.pidFile(), first.pid(), first.name());
        first.awaitLine(BrokerNodeProcess.ACTIVE, 90);
        BrokerNodeProcess second = BrokerNodeProcess.start(settings.brokerJar(), dir, "broker-backup", "backup",
                backup, primary);
        brokers.add(second);
        ChildProcess.record(settings.pidFile(), second.pid(), second.name());
        second.awaitLine(BrokerNodeProcess.IN_SYNC, 90);
        return CloudCoreReplica.pairBroker(primary, backup);
    }

    private static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    ReplicaLayout layout() {
        return layout;
    }

    /** @return the CloudHub ports, replica by replica */
    List<Integer> hubPorts() {
        return replicas.stream().map(CloudCoreReplica::hubPort).toList();
    }

    /** @return where the controllers' side (the bench's producer) queues: the primary, or the embedded broker */
    int brokerPort() {
        return brokerPort;
    }

    List<CloudCoreProbe> probes() {
        return replicas.stream().map(CloudCoreReplica::probe).toList();
    }

    /** @return PID of each JVM by name, in start order: cloudcore-N, broker-primary/-backup, apiserver */
    Map<String, Long> processes() {
        Map<String, Long> pids = new LinkedHashMap<>();
        replicas.forEach(r -> pids.put(r.process().name(), r.process().jvmPid()));
        brokers.forEach(b -> pids.put(b.name(), b.pid()));
        if (apiServer != null) {
            pids.put(apiServer.name(), apiServer.jvmPid());
        }
        return pids;
    }

    /** Stops everything still running; also called by the benchmark's shutdown hook, hence synchronized. */
    @Override
    public synchronized void close() throws InterruptedException {
        List<Thread> stops = new ArrayList<>();
        for (CloudCoreReplica replica : replicas) {
            Thread stop = new Thread(() -> replica.process().stop(REPLICA_GRACE), "stop-" + replica.process().name());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            stop.join();
        }
        replicas.clear();
        for (int i = brokers.size() - 1; i >= 0; i--) {
            brokers.get(i).close(); // the backup first, so the primary's journal stays the newest
        }
        brokers.clear();
        if (apiServer != null) {
            apiServer.stop(Duration.ofSeconds(20));
            apiServer = null;
        }
    }
}

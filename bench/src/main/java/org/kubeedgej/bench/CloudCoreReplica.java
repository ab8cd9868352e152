package org.kubeedgej.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One packaged CloudCore run with Liberty's {@code server run} (so the PID is the JVM's), with every port of its own
 * and the environment {@code bin/kubeedge-j up --ha} gives a replica (start_ha), plus what bench/run-cloudhub.sh
 * sets for the bench: nodeLimit 20000, and SyncController's reconcile off (the bench's pods exist only in its
 * messages, so the reconcile would rightly send the simulated edges deletes).
 */
final class CloudCoreReplica {

    private static final String NETTY = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";

    private final ChildProcess process;
    private final int httpPort;
    private final int hubPort;

    private CloudCoreReplica(ChildProcess process, int httpPort, int hubPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.hubPort = hubPort;
    }

    /**
     * Starts the replica; {@link #awaitReady} waits for it.
     *
     * @param name server name, e.g. cloudcore-1
     * @param dir its own WLP_USER_DIR
     * @param httpPort its HTTP port; CloudHub and the rest follow (+1 to +5)
     * @param kubeconfig the layout's API server
     * @param broker MODULES_CLOUDHUB_BROKER_* settings ({@link #pairBroker} or {@link #embeddedBroker})
     */
    static CloudCoreReplica start(ReplicaBenchSettings settings, String name, Path dir, int httpPort,
            Path kubeconfig, Map<String, String> broker) throws IOException, InterruptedException {
        Path servers = Files.createDirectories(dir.resolve("servers"));
        Process copy = new ProcessBuilder("cp", "-r", settings.serverDir().toString(), servers.resolve(name).toString())
                .inheritIO().start();
        if (copy.waitFor() != 0) {
            throw new IOException("cannot copy " + settings.serverDir() + " to " + servers.resolve(name));
        }
        Map<String, String> env = new HashMap<>(broker);
        env.put("WLP_USER_DIR", dir.toString());
        env.put("KUBEAPICONFIG_KUBECONFIG", kubeconfig.toString());
        env.put("CLOUDHUB_CERTS_DIR", settings.bench().caDir().toString());
        env.put("CLOUDCORE_HTTP_PORT", String.valueOf(httpPort));
        env.put("CLOUDHUB_PORT", String.valueOf(httpPort + 1));
        env.put("CLOUDHUB_HTTPS_PORT", String.valueOf(httpPort + 2));
        env.put("CLOUDSTREAM_PORT", String.valueOf(httpPort + 3));
        env.put("CLOUDSTREAM_TUNNEL_PORT", String.valueOf(httpPort + 4));
        env.put("CLOUDSTREAM_BACKEND_PORT", String.valueOf(httpPort + 5));
        env.put("CLOUDHUB_HOST", "127.0.0.1");
        env.put("MODULES_CLOUDHUB_ADVERTISEADDRESS", "127.0.0.1");
        env.put("MODULES_CLOUDHUB_NODELIMIT", "20000");
        env.put("MODULES_SYNCCONTROLLER_RECONCILESECONDS", "0");
        ChildProcess process = ChildProcess.start(name, List.of(settings.wlp().resolve("bin/server").toString(),
                "run", name), env, dir.resolve(name + ".console.log"), settings.pidFile());
        return new CloudCoreReplica(process, httpPort, httpPort + 1);
    }

    /** @return start_ha's broker settings: no embedded broker, the adapter and the node queues on both halves */
    static Map<String, String> pairBroker(int primaryPort, int backupPort) {
        return Map.of("MODULES_CLOUDHUB_BROKER_EMBEDDED", "false",
                "MODULES_CLOUDHUB_BROKER_PORT", String.valueOf(primaryPort),
                "MODULES_CLOUDHUB_BROKER_BACKUPPORT", String.valueOf(backupPort),
                "MODULES_CLOUDHUB_BROKER_HA", "true",
                "MODULES_CLOUDHUB_BROKER_CONNECTORS", NETTY + "," + NETTY,
                "MODULES_CLOUDHUB_BROKER_CONNECTIONPARAMETERS", "host=127.0.0.1;port=" + primaryPort
                        + ",host=127.0.0.1;port=" + backupPort);
    }

    /** @return settings for CloudCore's embedded broker on {@code port}, journal in {@code dataDir} */
    static Map<String, String> embeddedBroker(int port, Path dataDir) {
        return Map.of("MODULES_CLOUDHUB_BROKER_PORT", String.valueOf(port),
                "MODULES_CLOUDHUB_BROKER_DATADIR", dataDir.toString());
    }

    /** Waits until /health/ready answers 200 (the broker, CloudHub and the informers are up). */
    void awaitReady(int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.alive()) {
                throw new IllegalStateException(process.name() + " exited while starting; see " + process.log());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(process.name() + " not ready within " + seconds + " s (last answer: " + last
                + "); see " + process.log() + " and the server's logs/messages.log");
    }

    ChildProcess process() {
        return process;
    }

    int hubPort() {
        return hubPort;
    }

    CloudCoreProbe probe() {
        return new CloudCoreProbe(httpPort, process.jvmPid());
    }
}

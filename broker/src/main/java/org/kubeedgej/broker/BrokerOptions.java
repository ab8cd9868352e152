package org.kubeedgej.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The command line of {@link StandaloneBrokerMain}: {@code --name=value} pairs.
 *
 * @param role single, primary, backup or clustered
 * @param host the address the CORE acceptor binds to (loopback by default)
 * @param port the CORE acceptor's port: clients and the peer connect here
 * @param peerHost the peer's address: {@code host} unless {@code --peer-host} names another (in a cluster, the
 *     peer pod's DNS name)
 * @param peerPort the peer's port (every role but single)
 * @param dataDir journal, bindings, paging and large messages go below this
 * @param readyFile written (with the role now served) once this broker is active, or, for a backup, in sync
 * @param clusterPassword what the pair's halves authenticate each other with
 * @param globalMaxBytes what all addresses together may hold in heap before they page to disk
 *     ({@code --global-max-size}; default a quarter of the JVM's max heap, where Artemis's own default is half:
 *     the rest is for sessions, replication and buffers, and 4,000 edges' sessions need it)
 * @param nodeQueueMaxBytes what one node queue's address may hold in heap before it pages
 *     ({@code --node-queue-max-size}, default {@value #DEFAULT_NODE_QUEUE_MAX})
 * @param nodeQueuePageBytes the size of a node queue's page files ({@code --node-queue-page-size}, default
 *     {@value #DEFAULT_NODE_QUEUE_PAGE}); a paging queue keeps the page it reads in memory, one per node
 */
public record BrokerOptions(BrokerRole role, String host, int port, String peerHost, int peerPort, Path dataDir,
        Path readyFile, String clusterPassword, long globalMaxBytes, long nodeQueueMaxBytes,
        int nodeQueuePageBytes) {

    static final String DEFAULT_NODE_QUEUE_MAX = "512k";
    static final String DEFAULT_NODE_QUEUE_PAGE = "64k";

    static final String USAGE = "usage: java -jar kubeedge-broker.jar --port=61616 --data-dir=DIR"
            + " [--role=single|primary|backup|clustered --peer-port=PORT] [--host=127.0.0.1] [--ready-file=FILE]"
            + " [--peer-host=HOST, default --host] [--global-max-size=BYTES, default max heap / 4]"
            + " [--node-queue-max-size=BYTES, default " + DEFAULT_NODE_QUEUE_MAX + "]"
            + " [--node-queue-page-size=BYTES, default " + DEFAULT_NODE_QUEUE_PAGE + "] (sizes take k, m or g)"
            + " (cluster password: environment KUBEEDGEJ_BROKER_CLUSTER_PASSWORD)";

    static BrokerOptions parse(String[] args, Map<String, String> env) {
        return parse(args, env, Runtime.getRuntime().maxMemory());
    }

    /** @param maxHeap the JVM's max heap in bytes, which the global max size defaults to a quarter of */
    static BrokerOptions parse(String[] args, Map<String, String> env, long maxHeap) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("cannot read argument '" + arg + "'; " + USAGE);
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        BrokerRole role = BrokerRole.parse(values.getOrDefault("role", "single"));
        int port = port(values, "port", "61616");
        int peerPort = role.hasPeer() ? port(values, "peer-port", null) : -1;
        String host = values.getOrDefault("host", "127.0.0.1");
        // On one machine the peer is on this host; in a cluster it is another pod, named by --peer-host.
        String peerHost = values.getOrDefault("peer-host", host);
        if (peerPort == port && peerHost.equals(host)) {
            throw new IllegalArgumentException("--peer-port must differ from --port (" + port + ") when the peer"
                    + " is on the same host; else give --peer-host");
        }
        String dataDir = values.get("data-dir");
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required (the journal lives there); " + USAGE);
        }
        String ready = values.get("ready-file");
        String global = values.get("global-max-size");
        long globalMax = global == null ? maxHeap / 4 : ByteSize.parse("global-max-size", global);
        long nodeMax = ByteSize.parse("node-queue-max-size",
                values.getOrDefault("node-queue-max-size", DEFAULT_NODE_QUEUE_MAX));
        long nodePage = ByteSize.parse("node-queue-page-size",
                values.getOrDefault("node-queue-page-size", DEFAULT_NODE_QUEUE_PAGE));
        // Artemis pages an address once it holds max-size; a page file larger than that would never fill.
        if (nodePage > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("--node-queue-page-size=" + nodePage + " is too large; keep it to"
                    + " megabytes");
        }
        if (nodePage > nodeMax) {
            throw new IllegalArgumentException("--node-queue-page-size (" + nodePage + " bytes) must not exceed"
                    + " --node-queue-max-size (" + nodeMax + " bytes)");
        }
        if (nodeMax > globalMax) {
            throw new IllegalArgumentException("--node-queue-max-size (" + nodeMax + " bytes) exceeds the global"
                    + " max size (" + globalMax + " bytes): give a larger heap or --global-max-size, or a smaller"
                    + " --node-queue-max-size");
        }
        return new BrokerOptions(role, host, port, peerHost, peerPort, Path.of(dataDir),
                ready == null ? null : Path.of(ready),
                env.getOrDefault("KUBEEDGEJ_BROKER_CLUSTER_PASSWORD", "kubeedge-j-cluster"), globalMax, nodeMax,
                (int) nodePage);
    }

    private static int port(Map<String, String> values, String key, String fallback) {
        String value = values.getOrDefault(key, fallback);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required for roles with a peer; " + USAGE);
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + "=" + value + " is not a TCP port", e);
        }
    }
}

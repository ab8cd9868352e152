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
 */
public record BrokerOptions(BrokerRole role, String host, int port, String peerHost, int peerPort, Path dataDir,
        Path readyFile, String clusterPassword) {

    static final String USAGE = "usage: java -jar kubeedge-broker.jar --port=61616 --data-dir=DIR"
            + " [--role=single|primary|backup|clustered --peer-port=PORT] [--host=127.0.0.1] [--ready-file=FILE]"
            + " [--peer-host=HOST, default --host]"
            + " (cluster password: environment KUBEEDGEJ_BROKER_CLUSTER_PASSWORD)";

    static BrokerOptions parse(String[] args, Map<String, String> env) {
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
        return new BrokerOptions(role, host, port, peerHost, peerPort, Path.of(dataDir),
                ready == null ? null : Path.of(ready),
                env.getOrDefault("KUBEEDGEJ_BROKER_CLUSTER_PASSWORD", "kubeedge-j-cluster"));
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

package org.kubeedgej.edge.join;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code keadm join}'s flags, as KubeEdge spells them ({@code --flag=value} or {@code --flag value}, and keadm's short
 * forms), plus {@code --edge-dir}, where this edge keeps its state. keadm flags about installing KubeEdge's binaries
 * and container runtime have no meaning here; they are accepted with a warning so a keadm command line still works.
 */
record JoinOptions(String cloudCoreHost, int cloudCorePort, String token, String nodeName, int certPort,
        Path edgeDir, List<String> warnings) {

    static final int DEFAULT_CERT_PORT = 10002;
    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Map<String, String> SHORT = Map.of("-e", "--cloudcore-ipport", "-t", "--token",
            "-i", "--edgenode-name", "-s", "--certport");
    private static final Set<String> IGNORED = Set.of("--kubeedge-version", "--cgroupdriver",
            "--remote-runtime-endpoint", "--image-repository", "--tarballpath", "--runtimetype", "--with-mqtt",
            "--labels", "--set", "--pre-run", "--post-run", "--certPath", "--hub-protocol");

    /** The websocket address edgecore dials: {@code host:port} as given. */
    String cloudHubServer() {
        return cloudCoreHost + ":" + cloudCorePort;
    }

    /** {@code modules.edgeHub.httpServer}: CloudCore's certificate service. */
    String httpServer() {
        return "https://" + cloudCoreHost + ":" + certPort;
    }

    /**
     * @param args the command line after {@code join}
     * @param defaultEdgeDir where the edge's state goes without {@code --edge-dir}
     * @return the options
     * @throws UsageException with what is wrong
     */
    static JoinOptions parse(String[] args, Path defaultEdgeDir) {
        String ipPort = null;
        String token = null;
        String node = null;
        String certPort = null;
        String edgeDir = null;
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("-") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            name = SHORT.getOrDefault(name, name);
            if (IGNORED.contains(name)) {
                if (value == null && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    i++;
                }
                warnings.add(name + " is keadm's and has no meaning for KubeEdge-J; ignored");
                continue;
            }
            if (!Set.of("--cloudcore-ipport", "--token", "--edgenode-name", "--certport", "--edge-dir").contains(name)) {
                throw new UsageException("unknown flag " + arg + " (known: --cloudcore-ipport, --token,"
                        + " --edgenode-name, --certport, --edge-dir)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--cloudcore-ipport" -> ipPort = value;
                case "--token" -> token = value;
                case "--edgenode-name" -> node = value;
                case "--certport" -> certPort = value;
                default -> edgeDir = value;
            }
        }
        if (ipPort == null || ipPort.isBlank()) {
            throw new UsageException("--cloudcore-ipport is required: CloudHub's address, e.g."
                    + " --cloudcore-ipport=192.168.1.10:10000");
        }
        int colon = ipPort.lastIndexOf(':');
        String host = colon > 0 ? ipPort.substring(0, colon) : "";
        if (host.isEmpty() || (host.contains(":") && !host.startsWith("["))) {
            throw new UsageException("--cloudcore-ipport=" + ipPort + " is not HOST:PORT (an IPv6 address goes in"
                    + " brackets: [fd00::1]:10000)");
        }
        int port = port("--cloudcore-ipport's port", ipPort.substring(colon + 1));
        int cert = certPort == null ? DEFAULT_CERT_PORT : port("--certport", certPort);
        String nodeName = node == null ? hostname() : node;
        if (nodeName.length() > 253 || !DNS_1123_SUBDOMAIN.matcher(nodeName).matches()) {
            throw new UsageException("the node name '" + nodeName + "' is not a lower-case DNS-1123 name (letters,"
                    + " digits, '-' and '.', starting and ending with a letter or digit), as Kubernetes requires;"
                    + " pass one with --edgenode-name");
        }
        Path dir = edgeDir == null ? defaultEdgeDir : Path.of(edgeDir);
        return new JoinOptions(host, port, token, nodeName, cert, dir.toAbsolutePath().normalize(),
                List.copyOf(warnings));
    }

    private static int port(String what, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(what + " '" + value + "' is not a port number");
    }

    /** keadm's default node name: the host name, lower case. */
    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            throw new UsageException("this host's name is unknown (" + e.getMessage() + "); pass --edgenode-name");
        }
    }

    /** A command line that cannot be run. */
    static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}

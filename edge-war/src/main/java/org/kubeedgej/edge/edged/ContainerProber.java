package org.kubeedgej.edge.edged;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs probes the way the kubelet does: exec inside the container (through the {@link ContainerRuntime}, passing on
 * exit code 0), httpGet (passing on a status from 200 to 399, redirects not followed, certificates not checked, as
 * the kubelet does not) and tcpSocket (passing when a connection opens). KubeEdge-J pods have no pod IP: httpGet and
 * tcpSocket go to 127.0.0.1 for host-network pods, and a given host must be a loopback address. Any other target is
 * refused without a packet sent and without resolving a name, with a message saying so.
 */
final class ContainerProber implements Prober {

    /** The kubelet's User-Agent (kube-probe/&lt;major&gt;.&lt;minor&gt;), which some apps look for. */
    static final String USER_AGENT = "kube-probe/1.32";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int MAX_STATUS_LINE = 8192;

    private final ContainerRuntime runtime;

    ContainerProber(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ProbeResult probe(ProbeTarget target, ProbeSpec spec) {
        if (spec.problem() != null) {
            return ProbeResult.failure(spec.problem());
        }
        return switch (spec.action()) {
            case EXEC -> exec(target, spec);
            case HTTP_GET, TCP_SOCKET -> network(target, spec);
        };
    }

    private ProbeResult exec(ProbeTarget target, ProbeSpec spec) {
        ExecResult r = runtime.exec(target.containerId(), spec.command(), spec.timeout());
        if (r.timedOut()) {
            return ProbeResult.failure("command " + spec.command() + " timed out after " + spec.timeout().toSeconds()
                    + "s");
        }
        if (r.exitCode() == 0) {
            return ProbeResult.SUCCESS;
        }
        return ProbeResult.failure(r.output().isEmpty() ? "command " + spec.command() + " exited with "
                + r.exitCode() : r.output());
    }

    private ProbeResult network(ProbeTarget target, ProbeSpec spec) {
        InetAddress address;
        if (spec.host().isEmpty()) {
            if (!target.pod().hostNetwork()) {
                return ProbeResult.failure(spec.describe() + " cannot reach the pod: without hostNetwork: true a pod"
                        + " runs with network none and has no address the node can connect to (fix: set"
                        + " hostNetwork: true, or use an exec probe)");
            }
            address = InetAddress.getLoopbackAddress();
        } else {
            address = loopback(spec.host());
            if (address == null) {
                return ProbeResult.failure(spec.describe() + " refused: only loopback addresses (127.0.0.0/8, ::1,"
                        + " localhost) may be probed on this node, and host names are not resolved (fix: leave host"
                        + " empty for 127.0.0.1)");
            }
        }
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, spec.port()), millis(spec.timeout()));
            if (spec.action() == ProbeSpec.Action.TCP_SOCKET) {
                return ProbeResult.SUCCESS;
            }
            return http(socket, address, spec, deadline);
        } catch (SocketTimeoutException e) {
            return ProbeResult.failure(spec.describe() + ": timed out after " + spec.timeout().toSeconds() + "s");
        } catch (IOException | GeneralSecurityException e) {
            return ProbeResult.failure(spec.describe() + ": " + e.getMessage());
        }
    }

    private static ProbeResult http(Socket plain, InetAddress address, ProbeSpec spec, long deadline)
            throws IOException, GeneralSecurityException {
        Socket socket = plain;
        String host = spec.host().isEmpty() ? address.getHostAddress() : spec.host();
        if ("HTTPS".equals(spec.scheme())) {
            SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, host, spec.port(), true);
            tls.setSoTimeout(remaining(deadline));
            tls.startHandshake();
            socket = tls;
        }
        socket.setSoTimeout(remaining(deadline));
        StringBuilder request = new StringBuilder("GET ").append(spec.path()).append(" HTTP/1.1\r\n");
        boolean ownHost = spec.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Host"));
        if (!ownHost) {
            String literal = host.contains(":") ? "[" + host + "]" : host;
            request.append("Host: ").append(literal).append(':').append(spec.port()).append("\r\n");
        }
        Map<String, String> defaults = Map.of("User-Agent", USER_AGENT, "Accept", "*/*");
        defaults.forEach((k, v) -> {
            if (spec.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase(k))) {
                request.append(k).append(": ").append(v).append("\r\n");
            }
        });
        spec.headers().forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = statusLine(socket.getInputStream());
        String[] parts = status.split(" ", 3);
        int code;
        try {
            code = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code < 0) {
            return ProbeResult.failure(spec.describe() + ": not an HTTP answer: " + status);
        }
        return code >= 200 && code < 400 ? ProbeResult.SUCCESS
                : ProbeResult.failure("HTTP probe failed with statuscode: " + code);
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n' && line.size() < MAX_STATUS_LINE) {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /** @return the address if host is a loopback literal or "localhost", else null (never a DNS lookup) */
    static InetAddress loopback(String host) {
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return null; // a name: not resolved, so no lookup leaves the node
        }
        try {
            InetAddress a = InetAddress.getByName(h); // a literal: parsed, not looked up
            return a.isLoopbackAddress() ? a : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static SSLContext trustAll() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        // The kubelet's HTTPS probes skip certificate verification too: a probe checks liveness, not identity.
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // not a server
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // accepted: see above
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static int remaining(long deadline) {
        return (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }
}

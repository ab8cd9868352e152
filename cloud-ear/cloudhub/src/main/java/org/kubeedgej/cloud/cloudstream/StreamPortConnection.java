package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.logging.Logger;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * One API server connection to the stream port: TLS with the caller's certificate required, then its request goes to
 * Liberty's backend endpoint with the certificate's common name asserted ({@link StreamClientIdentity}), and bytes are
 * copied both ways until either side ends. A plain request is sent on with {@code Connection: close}, so every request
 * arrives with its own verified name; an upgrade (exec, attach) keeps its headers and becomes a byte pipe.
 *
 * <p>Why not Liberty's own TLS here: on an upgraded connection, Liberty 26.0.0.3's TLS read path returned later TLS
 * records before earlier ones once a client sent more than ~49 kB (docs/observability.md), which broke
 * {@code kubectl exec -i} with large input. Over plain loopback it reads in order.
 */
final class StreamPortConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamPortConnection.class.getName());
    private static final int CHUNK = 32 * 1024;
    /** A write that blocks longer than this (the reader stopped reading) ends the connection. */
    static final long STUCK_WRITE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    private final SSLSocket client;
    private final Socket backend = new Socket();
    private final String peer;
    private volatile long writingSince;
    private volatile boolean closed;

    StreamPortConnection(SSLSocket client) {
        this.client = client;
        this.peer = String.valueOf(client.getRemoteSocketAddress());
    }

    /**
     * Serves the connection to its end on the calling thread; the API server's side is read on a second thread.
     *
     * @param headMillis how long the handshake and the request head may take
     */
    void serve(StreamClientIdentity identity, int backendPort, int headMillis, ManagedThreadFactory threads) {
        String request = "-";
        try {
            client.setSoTimeout(headMillis);
            client.setTcpNoDelay(true);
            client.startHandshake();
            String commonName = commonName(client.getSession().getPeerCertificates());
            InputStream fromClient = new BufferedInputStream(client.getInputStream(), CHUNK);
            OutputStream toClient = client.getOutputStream();
            RequestHead head;
            try {
                head = RequestHead.read(fromClient, System.nanoTime() + headMillis * 1_000_000L);
            } catch (RequestHead.MalformedHeadException e) {
                LOG.warning(() -> "cloudstream: request from " + peer + " (CN=" + commonName + ") refused: "
                        + e.getMessage());
                answer(toClient, e.status(), e.getMessage());
                drain(fromClient);
                return;
            }
            if (head == null) {
                return;
            }
            request = head.requestLine();
            List<String> added = head.isUpgrade() ? List.of(identity.headerLine(commonName))
                    : List.of(identity.headerLine(commonName), "Connection: close");
            RequestHead forwarded = head.without(head.isUpgrade() ? List.of(StreamClientIdentity.HEADER)
                    : List.of(StreamClientIdentity.HEADER, "Connection", "Keep-Alive"), added);
            try {
                backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), headMillis);
            } catch (IOException e) {
                String why = "CloudCore's stream backend (127.0.0.1:" + backendPort + ") is not listening: "
                        + e.getMessage() + "; is the server still starting?";
                LOG.warning(() -> "cloudstream: " + head.requestLine() + " from " + peer + ": " + why);
                answer(toClient, 503, why);
                return;
            }
            backend.setTcpNoDelay(true);
            client.setSoTimeout(0);
            OutputStream toBackend = backend.getOutputStream();
            toBackend.write(forwarded.bytes());
            toBackend.flush();
            Thread upstream = threads.newThread(() -> copyToBackend(fromClient, toBackend));
            upstream.setName("cloudstream-from-apiserver " + peer);
            upstream.start();
            copy(backend.getInputStream(), toClient);
        } catch (SSLException e) {
            LOG.warning(() -> "cloudstream: TLS with " + peer + " failed: " + e.getMessage() + " (the API server"
                    + " needs a client certificate signed by the project CA: certs/certgen.sh apiserver-client)");
        } catch (IOException e) {
            String line = request;
            if (!closed) {
                LOG.fine(() -> "cloudstream: " + line + " from " + peer + " ended: " + e);
            }
        } finally {
            close();
        }
    }

    private void copyToBackend(InputStream fromClient, OutputStream toBackend) {
        try {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = fromClient.read(buffer)) >= 0) {
                toBackend.write(buffer, 0, n);
                toBackend.flush();
            }
            backend.shutdownOutput(); // the API server is done sending; the answer may still be on its way
        } catch (IOException e) {
            close();
        }
    }

    /** Liberty's answer to the API server, as it comes; the end of it ends the connection. */
    private void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            writingSince = System.nanoTime();
            out.write(buffer, 0, n);
            out.flush();
            writingSince = 0;
        }
    }

    /** @return whether a write to the API server has been blocked past {@link #STUCK_WRITE_NANOS} */
    boolean isStuck(long nowNanos) {
        long since = writingSince;
        return since != 0 && nowNanos - since > STUCK_WRITE_NANOS;
    }

    String peer() {
        return peer;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(client);
        closeQuietly(backend);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void answer(OutputStream out, int status, String reason) throws IOException {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        String phrase = switch (status) {
            case 408 -> "Request Timeout";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Bad Request";
        };
        String head = "HTTP/1.1 " + status + " " + phrase + "\r\nContent-Type: text/plain; charset=utf-8"
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /**
     * Reads what the client still sends, briefly, after an error answer: closing with unread data makes TCP reset the
     * connection, and the client could lose the answer.
     */
    private void drain(InputStream fromClient) {
        try {
            client.shutdownOutput();
            client.setSoTimeout(2000);
            byte[] buffer = new byte[CHUNK];
            long left = 256 * 1024;
            int n;
            while (left > 0 && (n = fromClient.read(buffer)) >= 0) {
                left -= n;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // the answer is out; closing anyway
        }
    }

    /** The verified certificate's CN; TLS has checked its chain against the project CA. */
    static String commonName(Certificate[] chain) {
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            return "";
        }
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }
}

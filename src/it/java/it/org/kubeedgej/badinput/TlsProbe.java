package it.org.kubeedgej.badinput;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A TLS client that tells how a server treated it: it handshakes, sends an HTTP request and reports either the
 * status line that came back or how the connection failed (with TLS 1.3 a refused client certificate shows as an
 * alert on the first read, after the client's side of the handshake has finished).
 */
final class TlsProbe {

    private TlsProbe() {
        throw new AssertionError();
    }

    /**
     * @param tls the client's context
     * @param suites the cipher suites to offer, or null for the defaults
     * @param port a TLS port on 127.0.0.1
     * @param path what to ask for
     * @return "answered: &lt;status line&gt;", or "refused: &lt;exception&gt;", or "closed" without a word
     */
    static String probe(SSLContext tls, String[] suites, int port, String path) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            if (suites != null) {
                socket.setEnabledCipherSuites(suites);
            }
            socket.startHandshake();
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String line = firstLine(socket.getInputStream());
            return line.isEmpty() ? "closed" : "answered: " + line;
        } catch (SSLException | SocketException e) {
            return "refused: " + e;
        } catch (SocketTimeoutException e) {
            return "stalled: no answer in 15 s";
        }
    }

    /** @return whether a plain-text request got nothing but a TLS alert (or nothing) back before the close */
    static byte[] plainAnswer(int port, byte[] request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            try {
                for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) {
                    got.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // closed with a reset: also an end
            } catch (SocketTimeoutException stalled) {
                throw new AssertionError("the TLS port kept a plain-text client open for 15 s; got "
                        + got.size() + " bytes");
            }
            return got.toByteArray();
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\r' && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}

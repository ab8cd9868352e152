package it.org.kubeedgej.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * An MQTT 3.1.1 client that writes packets byte by byte, so it can send what Paho refuses to: topics with control
 * characters or broken UTF-8, packets before CONNECT, lengths it never sends.
 */
final class RawMqtt implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawMqtt(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** @return a TCP connection to the broker, no MQTT sent yet */
    static RawMqtt open(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return new RawMqtt(socket);
    }

    /** @return a connected client (CONNACK 0 checked) */
    static RawMqtt connected(int port, String clientId) throws IOException {
        return connected(port, clientId, 60);
    }

    /** @return a connected client with the given keepalive in seconds (CONNACK 0 checked) */
    static RawMqtt connected(int port, String clientId, int keepaliveSeconds) throws IOException {
        RawMqtt client = open(port);
        int code = client.connect(clientId, 4, keepaliveSeconds);
        if (code != 0) {
            client.close();
            throw new AssertionError("the broker refused CONNECT of " + clientId + " with return code " + code);
        }
        return client;
    }

    /**
     * Sends CONNECT (clean session).
     *
     * @return CONNACK's return code, or -1 when the broker closed the connection instead
     */
    int connect(String clientId, int protocolLevel, int keepaliveSeconds) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', (byte) protocolLevel, 2, (byte) (keepaliveSeconds >> 8),
                (byte) keepaliveSeconds});
        writeString(body, clientId.getBytes(StandardCharsets.UTF_8));
        packet(0x10, body.toByteArray());
        int type = readOrEnd();
        if (type != 0x20) {
            return -1;
        }
        in.read();
        in.read();
        return in.read();
    }

    /** Sends PUBLISH at QoS 0 with the topic's bytes exactly as given. */
    void publish(byte[] topic, byte[] payload, boolean retain) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        body.write(payload);
        packet(0x30 | (retain ? 1 : 0), body.toByteArray());
    }

    void publish(String topic, String payload) throws IOException {
        publish(topic.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8), false);
    }

    /** @return whether the broker answers a PINGREQ: the connection is alive */
    boolean pingAnswered() throws IOException {
        try {
            out.write(new byte[] {(byte) 0xC0, 0});
            out.flush();
            return readOrEnd() == 0xD0 && in.read() == 0;
        } catch (SocketException closed) {
            return false;
        }
    }

    /** @param millis how long reads wait */
    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** @return whether the broker closed the connection (end of stream or reset) within the socket's timeout */
    boolean closedByBroker() throws IOException {
        try {
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Writes raw bytes, for what is not MQTT at all. */
    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void packet(int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        writeLength(packet, body.length);
        packet.write(body);
        try {
            out.write(packet.toByteArray());
            out.flush();
        } catch (SocketException closed) {
            // the broker may close while the packet is still being written; closedByBroker() tells
        }
    }

    static void writeLength(ByteArrayOutputStream packet, int length) {
        int rest = length;
        do {
            int digit = rest % 128;
            rest /= 128;
            packet.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
    }

    private static void writeString(ByteArrayOutputStream body, byte[] bytes) throws IOException {
        body.write(bytes.length >> 8);
        body.write(bytes.length & 0xFF);
        body.write(bytes);
    }

    private int readOrEnd() throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

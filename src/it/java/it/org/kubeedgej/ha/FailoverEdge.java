package it.org.kubeedgej.ha;

import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.KubeEdgeFrames;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A simulated edge node that behaves as EdgeHub does with two CloudHub addresses: it keeps one session, sends a
 * keepalive every few seconds, acknowledges every message, and when its session ends it connects to the other
 * address after 0.5-1 s (then alternates until one takes it). It applies ConfigMaps as MetaManager does (an older or
 * equal resourceVersion is not applied again) and counts what it was sent more than once under different message
 * ids, which the controllers should not do.
 */
final class FailoverEdge implements AutoCloseable {

    private final String node;
    private final int[] hubPorts;
    private final TestCertificates certs;
    private final Thread loop;
    private final Map<String, Long> configMapVersions = new HashMap<>();
    private final Map<String, String> configMapCounters = new HashMap<>();
    private final Map<String, String> messageOfVersion = new HashMap<>();
    private final Set<String> ackedIds = new HashSet<>();
    private int current;
    private int redeliveredSameId;
    private int sameVersionNewId;
    private volatile TestEdgeClient client;
    private volatile boolean running = true;
    private volatile long disconnectedAtNanos;
    private volatile long lastReconnectMillis = -1;

    FailoverEdge(String node, int startHubPort, int otherHubPort, TestCertificates certs) {
        this.node = node;
        this.hubPorts = new int[] {startHubPort, otherHubPort};
        this.certs = certs;
        this.loop = new Thread(this::run, "failover-edge-" + node);
        loop.setDaemon(true);
    }

    void start() {
        loop.start();
    }

    private void run() {
        long lastKeepalive = 0;
        while (running) {
            TestEdgeClient session = client;
            if (session == null || session.isClosed()) {
                connect();
                continue;
            }
            try {
                String text = session.nextMessage(Duration.ofMillis(200));
                if (text != null) {
                    apply(session, Http.json(text));
                }
                if (System.nanoTime() - lastKeepalive > 3_000_000_000L) {
                    session.send(KubeEdgeFrames.keepalive());
                    lastKeepalive = System.nanoTime();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                session.close(); // a send on a dying session: reconnect
            }
        }
    }

    private void connect() {
        if (client != null) {
            client.close();
            client = null;
            disconnectedAtNanos = System.nanoTime();
            current = 1 - current;
            Http.pause(Duration.ofMillis(500 + ThreadLocalRandom.current().nextInt(500)));
        }
        while (running) {
            try {
                client = TestEdgeClient.connect(hubPorts[current], node, certs.sslContextFor(node),
                        TestEdgeClient.headersFor(node));
                if (disconnectedAtNanos != 0) {
                    lastReconnectMillis = (System.nanoTime() - disconnectedAtNanos) / 1_000_000;
                }
                return;
            } catch (ExecutionException refused) {
                current = 1 - current;
                Http.pause(Duration.ofMillis(500 + ThreadLocalRandom.current().nextInt(500)));
            }
        }
    }

    private synchronized void apply(TestEdgeClient session, JsonObject message) {
        String id = message.getJsonObject("header").getString("msg_id");
        JsonObject route = message.getJsonObject("route");
        String resource = route.getString("resource");
        session.send(KubeEdgeFrames.ackOf(message));
        if (!ackedIds.add(id)) {
            redeliveredSameId++; // an ack lost with its replica: allowed, at least once
            return;
        }
        if (!resource.contains("/configmap/") || !(message.get("content") instanceof JsonObject content)) {
            return;
        }
        JsonObject metadata = content.getJsonObject("metadata");
        long version = Long.parseLong(metadata.getString("resourceVersion", "0"));
        String key = resource + "@" + version;
        String earlier = messageOfVersion.putIfAbsent(key, id);
        if (earlier != null && !earlier.equals(id)) {
            sameVersionNewId++;
        }
        String name = metadata.getString("name");
        if (version > configMapVersions.getOrDefault(name, -1L)) {
            configMapVersions.put(name, version);
            JsonObject data = content.getJsonObject("data");
            configMapCounters.put(name, data == null ? null : data.getString("counter", null));
        }
    }

    String node() {
        return node;
    }

    /** @return the hub port of the session now, or -1 while it has none */
    int connectedTo() {
        TestEdgeClient session = client;
        return session == null || session.isClosed() ? -1 : hubPorts[current];
    }

    /** @return milliseconds from the last lost session to the next one, -1 before any loss */
    long lastReconnectMillis() {
        return lastReconnectMillis;
    }

    synchronized String counterOf(String configMap) {
        return configMapCounters.get(configMap);
    }

    synchronized int redeliveredSameId() {
        return redeliveredSameId;
    }

    /** @return messages carrying a ConfigMap version this edge already had from another message */
    synchronized int sameVersionNewId() {
        return sameVersionNewId;
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        TestEdgeClient session = client;
        if (session != null) {
            session.close();
        }
    }
}

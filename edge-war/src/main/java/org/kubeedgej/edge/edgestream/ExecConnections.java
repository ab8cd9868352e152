package org.kubeedgej.edge.edgestream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edged.ContainerStreamException;
import org.kubeedgej.edge.edged.ContainerStreamRequest;
import org.kubeedgej.edge.edged.ContainerStreams;
import org.kubeedgej.shared.config.GoDuration;
import org.kubeedgej.shared.stream.StreamConnectRequest;
import org.kubeedgej.shared.stream.StreamFormatException;
import org.kubeedgej.shared.stream.StreamMessage;

/**
 * The exec and attach connections open over the tunnel, by connection id. An EXEC_CONNECT or ATTACH_CONNECT carries
 * the API server's upgrade request; it is answered as the kubelet answers it (an HTTP error, or 101 and a
 * {@link RemoteCommandSession}); DATA frames then feed the session, and REMOVE_CONNECT or a lost tunnel ends it. At most
 * {@value #MAX_OPEN} are open; a client that has not opened its streams within {@value #STREAM_CREATION_SECONDS} s is
 * ended, as the kubelet's stream creation timeout does; a session through which no data has gone for the kubelet's
 * {@code streamingConnectionIdleTimeout} (4h by default, KubeEdge's key) is ended too, so a forgotten
 * {@code kubectl exec} does not hold a Docker exec and a slot forever.
 */
@ApplicationScoped
public class ExecConnections {

    private static final Logger LOG = Logger.getLogger(ExecConnections.class.getName());
    static final int MAX_OPEN = 16;
    static final int STREAM_CREATION_SECONDS = 30;

    @Inject
    ContainerStreams containers;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "modules.edged.tailoredKubeletConfig.streamingConnectionIdleTimeout",
            defaultValue = "4h0m0s")
    String idleTimeoutText;

    private final Map<Long, RemoteCommandSession> open = new ConcurrentHashMap<>();
    private Duration idleTimeout;
    private ScheduledFuture<?> sweep;

    @PostConstruct
    void startIdleSweep() {
        idleTimeout = GoDuration.parse(idleTimeoutText);
        long every = Math.max(1, Math.min(60, idleTimeout.toSeconds() / 4));
        sweep = scheduler.scheduleWithFixedDelay(this::endIdle, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopIdleSweep() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Ends the sessions idle past the timeout; the client hears why on the error stream. */
    void endIdle() {
        long now = System.nanoTime();
        open.values().stream().filter(s -> s.idle(now).compareTo(idleTimeout) >= 0).forEach(s -> s.exited(null,
                "no data went either way for " + idleTimeout.toSeconds() + " s (the streaming connection idle"
                        + " timeout, modules.edged.tailoredKubeletConfig.streamingConnectionIdleTimeout)"));
    }

    void connect(StreamMessage connect, StreamSender tunnel) {
        long id = connect.connectId();
        RemoteCommandSession session;
        try {
            StreamConnectRequest asked = StreamConnectRequest.decode(connect.data());
            ContainerStreamRequest request;
            try {
                request = ContainerStreamRequest.parse(asked.path(), asked.rawQuery());
            } catch (IllegalArgumentException e) {
                throw new StreamUpgrade.UpgradeRefusedException(400, "Bad Request", e.getMessage());
            }
            String protocol = StreamUpgrade.negotiate(asked);
            if (open.size() >= MAX_OPEN) {
                throw new StreamUpgrade.UpgradeRefusedException(429, "Too Many Requests", "this edge has " + MAX_OPEN
                        + " exec and attach sessions open; try again when one ends");
            }
            String containerId;
            try {
                containerId = containers.containerId(request);
            } catch (ContainerStreamException e) {
                throw new StreamUpgrade.UpgradeRefusedException(e.status(), StreamUpgrade.reasonPhrase(e.status()),
                        e.getMessage());
            }
            session = new RemoteCommandSession(id, tunnel, protocol, request, containerId, containers, scheduler,
                    () -> open.remove(id));
            open.put(id, session);
            LOG.fine(() -> "connection " + id + ": " + request + " upgraded to " + protocol);
        } catch (StreamFormatException e) {
            refuse(id, tunnel, new StreamUpgrade.UpgradeRefusedException(400, "Bad Request",
                    "cannot read the connect request: " + e.getMessage()));
            return;
        } catch (StreamUpgrade.UpgradeRefusedException e) {
            refuse(id, tunnel, e);
            return;
        }
        StreamReplies.data(id, StreamUpgrade.switching(session.protocol()), tunnel);
        scheduler.schedule(() -> {
            if (open.get(id) == session && !session.started()) {
                session.exited(null, "the client did not open its streams within " + STREAM_CREATION_SECONDS
                        + " s");
            }
        }, STREAM_CREATION_SECONDS, TimeUnit.SECONDS);
    }

    private static void refuse(long id, StreamSender tunnel, StreamUpgrade.UpgradeRefusedException e) {
        LOG.info(() -> "exec or attach over connection " + id + " refused: " + e.getMessage());
        StreamReplies.data(id, e.answer(), tunnel);
        StreamReplies.end(id, tunnel);
    }

    /** @return false when no session has this id (the data is for another kind of connection, or too late) */
    boolean data(long id, byte[] bytes) {
        RemoteCommandSession session = open.get(id);
        if (session == null) {
            return false;
        }
        session.receive(bytes);
        return true;
    }

    /** The cloud is done with the connection. */
    void stop(long id) {
        RemoteCommandSession session = open.remove(id);
        if (session != null) {
            session.stop();
        }
    }

    /** The tunnel is gone. */
    void stopAll() {
        open.keySet().forEach(this::stop);
    }

    int openCount() {
        return open.size();
    }
}

package org.kubeedgej.cloud.cloudhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.events.NodeConnectionEvent;

/**
 * A node whose queue cannot be read when it connects (the broker away) must not keep a session that delivers nothing
 * until it happens to reconnect: CloudCore ends it with 1013 (try again later), so the edge connects again and the
 * queue is read then.
 */
class NodeDeliverySubscribeFailureTest {

    private final List<NodeConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();

    @Test
    void aSessionWhoseQueueCannotBeReadIsClosedToBeTriedAgain() {
        CloudHubConfig config = new CloudHubConfig();
        config.nodeLimit = 10;
        config.nodeMessageQps = 30;
        config.nodeMessageBurst = 60;
        config.nodeMaxInFlight = 100;
        NodeSessions sessions = new NodeSessions();
        NodeDelivery delivery = new NodeDelivery();
        sessions.config = config;
        sessions.connectionEvents = events(delivery);
        delivery.config = config;
        delivery.sessions = sessions;
        delivery.queues = (nodeId, receiver) -> {
            throw new IllegalStateException("cannot read the queue of node " + nodeId + ": the broker is away");
        };

        assertTrue(sessions.open("edge-1", "project", webSocket()).isPresent());

        assertEquals(1, closes.size(), "the session is closed: " + closes);
        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, closes.get(0).getCloseCode());
        assertTrue(sessions.find("edge-1").isEmpty(), "and forgotten");
        assertEquals(List.of(true, false), events.stream().map(NodeConnectionEvent::connected).toList(),
                "the controllers hear the connect and the disconnect");
        assertEquals(0, sessions.connectedCount());
    }

    /** Delivers events as CDI would, synchronously, to NodeDelivery's observer. */
    @SuppressWarnings("unchecked")
    private Event<NodeConnectionEvent> events(NodeDelivery delivery) {
        return (Event<NodeConnectionEvent>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Event.class}, (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        NodeConnectionEvent event = (NodeConnectionEvent) args[0];
                        events.add(event);
                        delivery.onConnection(event);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Session webSocket() {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        if (args != null && args.length == 1) {
                            closes.add((CloseReason) args[0]);
                        }
                        yield null;
                    }
                    case "isOpen" -> closes.isEmpty();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test session";
                    default -> null;
                });
    }
}

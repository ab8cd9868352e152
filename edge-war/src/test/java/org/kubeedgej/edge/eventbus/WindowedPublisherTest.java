package org.kubeedgej.edge.eventbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.junit.jupiter.api.Test;

class WindowedPublisherTest {

    /** A publish the fake client took and has not finished. */
    private record Pending(String topic, Object context, IMqttActionListener listener) {
        void finish() {
            listener.onSuccess(token(context));
        }

        void fail() {
            listener.onFailure(token(context), new IllegalStateException("connection lost"));
        }
    }

    private final List<Pending> taken = new ArrayList<>();
    private volatile boolean connected = true;

    private static IMqttToken token(Object context) {
        return (IMqttToken) Proxy.newProxyInstance(IMqttToken.class.getClassLoader(), new Class<?>[] {IMqttToken.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getUserContext" -> context;
                    case "getTopics" -> new String[] {"t"};
                    default -> null;
                });
    }

    /** Only what WindowedPublisher calls: isConnected, getServerURI, and the six-argument publish. */
    private IMqttAsyncClient client() {
        return (IMqttAsyncClient) Proxy.newProxyInstance(IMqttAsyncClient.class.getClassLoader(),
                new Class<?>[] {IMqttAsyncClient.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isConnected" -> connected;
                    case "getServerURI" -> "tcp://127.0.0.1:1883";
                    case "publish" -> {
                        synchronized (taken) {
                            taken.add(new Pending((String) args[0], args[4], (IMqttActionListener) args[5]));
                        }
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private List<String> topics() {
        synchronized (taken) {
            return taken.stream().map(Pending::topic).toList();
        }
    }

    private Pending pending(int i) {
        synchronized (taken) {
            return taken.get(i);
        }
    }

    private static void awaitBlocked(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.isAlive()) {
            Thread.onSpinWait();
        }
    }

    @Test
    void publishesDoNotWaitForTheWriteUntilTheWindowIsFull() throws Exception {
        WindowedPublisher underTest = new WindowedPublisher(client(), 2, TimeUnit.MINUTES.toMillis(1));
        assertTrue(underTest.publish("a", new byte[0], 0, false));
        assertTrue(underTest.publish("b", new byte[0], 0, false));
        assertEquals(List.of("a", "b"), topics(), "both handed over without either being finished");

        CompletableFuture<Boolean> third = new CompletableFuture<>();
        Thread caller = new Thread(() -> third.complete(underTest.publish("c", new byte[0], 0, false)));
        caller.start();
        awaitBlocked(caller);
        assertEquals(List.of("a", "b"), topics(), "the third waits for room");

        pending(0).finish();
        assertTrue(third.get(1, TimeUnit.MINUTES));
        assertEquals(List.of("a", "b", "c"), topics(), "in call order");
    }

    @Test
    void aFailedPublishGivesItsRoomBack() {
        WindowedPublisher underTest = new WindowedPublisher(client(), 1, TimeUnit.MINUTES.toMillis(1));
        assertTrue(underTest.publish("a", new byte[0], 1, false));
        pending(0).fail();
        assertTrue(underTest.publish("b", new byte[0], 1, false));
        assertEquals(List.of("a", "b"), topics());
    }

    @Test
    void aNewConnectionFreesRoomThatTheLostOneNeverGaveBack() {
        WindowedPublisher underTest = new WindowedPublisher(client(), 1, 1);
        assertTrue(underTest.publish("a", new byte[0], 1, false));
        // The connection is lost and Paho drops "a" without finishing it; the window stays full...
        assertFalse(underTest.publish("b", new byte[0], 1, false));
        underTest.connected();
        assertTrue(underTest.publish("c", new byte[0], 1, false));
        // ...and "a" finishing late does not widen the new window.
        pending(0).finish();
        assertFalse(underTest.publish("d", new byte[0], 1, false));
        assertEquals(List.of("a", "c"), topics());
    }

    @Test
    void nothingIsPublishedWhileDisconnected() {
        connected = false;
        assertFalse(new WindowedPublisher(client(), 1, 1).publish("a", new byte[0], 0, false));
        assertEquals(List.of(), topics());
    }
}

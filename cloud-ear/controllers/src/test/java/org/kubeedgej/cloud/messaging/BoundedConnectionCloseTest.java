package org.kubeedgej.cloud.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedConnectionCloseTest {

    /** Guards against a hang only: far above the bound, so a slow machine cannot fail it. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void closesEveryClientInOrderAndSaysSo() {
        List<String> closed = new CopyOnWriteArrayList<>();
        boolean done = BoundedConnectionClose.close("test clients", "tcp://127.0.0.1:1",
                List.of(() -> closed.add("connection"), () -> closed.add("factory")), Duration.ofSeconds(30));
        assertTrue(done);
        assertEquals(List.of("connection", "factory"), closed);
    }

    @Test
    void aFailingCloseDoesNotStopTheNextOne() {
        List<String> closed = new CopyOnWriteArrayList<>();
        boolean done = BoundedConnectionClose.close("test clients", "tcp://127.0.0.1:1", List.of(() -> {
            throw new IllegalStateException("broker gone");
        }, () -> closed.add("factory")), Duration.ofSeconds(30));
        assertTrue(done);
        assertEquals(List.of("factory"), closed);
    }

    @Test
    void aCloseTheBrokerNeverAnswersIsLeftBehindAfterTheBound() throws InterruptedException {
        CountDownLatch brokerAnswers = new CountDownLatch(1);
        List<String> closed = new CopyOnWriteArrayList<>();
        boolean done = assertTimeoutPreemptively(HANG_GUARD, () -> BoundedConnectionClose.close("test clients",
                "tcp://127.0.0.1:1", List.of(() -> {
                    brokerAnswers.await();
                    closed.add("connection");
                }), Duration.ofMillis(200)));
        assertFalse(done, "reported as not closed");
        assertTrue(closed.isEmpty());
        brokerAnswers.countDown();
    }
}

package org.kubeedgej.cloud.cloudhub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.messaging.NodeQueues;

class NodeWindowTest {

    /** What the window did, in order: sends ("send m") and what it asked of the queue. */
    private final List<String> calls = new ArrayList<>();

    private final NodeQueues.Subscription queue = new NodeQueues.Subscription() {
        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public void recover() {
            calls.add("recover");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    };

    private void admit(NodeWindow window, String message) {
        window.admit(() -> calls.add("send " + message));
    }

    @Test
    void sendsUpToTheLimitHoldsTheRestInOrderAndResumesAtHalf() {
        NodeWindow window = new NodeWindow("edge-1", 4, Runnable::run);
        window.attach(queue);
        for (String m : List.of("a", "b", "c")) {
            admit(window, m);
        }
        assertEquals(List.of("send a", "send b", "send c"), calls, "below the limit each is sent at once");
        admit(window, "d");
        admit(window, "e"); // handed over before the pause took effect: held, not sent
        admit(window, "f");
        // The pause is decided with the send that fills the window; this test's control runs it at once.
        assertEquals(List.of("send a", "send b", "send c", "pause", "send d"), calls);
        calls.clear();
        window.settled();
        window.settled();
        assertEquals(List.of("send e", "send f"), calls, "each ack lets the next held message out, in order");
        window.settled();
        window.settled();
        assertEquals(List.of("send e", "send f", "resume"), calls, "resumed once nothing is held and 2 of 4 wait");
        window.settled();
        window.settled();
        window.settled(); // a late ack does not take the count below zero
        calls.clear();
        for (String m : List.of("g", "h", "i")) {
            admit(window, m);
        }
        assertEquals(List.of("send g", "send h", "send i"), calls);
    }

    @Test
    void aLimitReachedBeforeTheQueueIsKnownPausesItOnAttach() {
        NodeWindow window = new NodeWindow("edge-1", 1, Runnable::run);
        admit(window, "a");
        window.attach(queue);
        assertEquals(List.of("send a", "pause"), calls);
    }

    @Test
    void recoverDropsHeldMessagesGivesEverythingBackAndReopens() {
        NodeWindow window = new NodeWindow("edge-1", 2, Runnable::run);
        window.attach(queue);
        admit(window, "a");
        admit(window, "b");
        admit(window, "c");
        window.recover();
        window.settled(); // a late ack of a, after the recover: c was given back to the queue, not sent
        window.close();
        admit(window, "d");
        assertEquals(List.of("send a", "pause", "send b", "recover", "resume", "close"), calls);
    }

    @Test
    void queueDecisionsAreAppliedInOrderAndOnlyWhenTheStateDiffers() {
        List<Runnable> control = new ArrayList<>();
        NodeWindow window = new NodeWindow("edge-1", 2, control::add);
        window.attach(queue);
        admit(window, "a");
        admit(window, "b"); // decide: pause
        window.settled(); // decide: resume, before the pause was applied
        control.forEach(Runnable::run);
        assertEquals(List.of("send a", "send b"), calls, "paused and resumed before either was applied");
        control.clear();
        admit(window, "c"); // decide: pause
        control.forEach(Runnable::run);
        assertEquals(List.of("send a", "send b", "send c", "pause"), calls);
    }
}

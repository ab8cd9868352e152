package org.kubeedgej.cloud.cloudhub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.messaging.NodeQueues;

class NodeWindowTest {

    /** Records what the window asks of the queue. */
    private static final class RecordingQueue implements NodeQueues.Subscription {
        final List<String> calls = new ArrayList<>();

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
    }

    @Test
    void pausesAtTheLimitAndResumesAtHalf() {
        RecordingQueue queue = new RecordingQueue();
        NodeWindow window = new NodeWindow("edge-1", 4, Runnable::run);
        window.attach(queue);
        for (int i = 0; i < 3; i++) {
            window.opened();
        }
        assertEquals(List.of(), queue.calls, "below the limit nothing pauses");
        window.opened();
        window.opened(); // a message already read ahead of the pause still counts, and pauses nothing twice
        assertEquals(List.of("pause"), queue.calls);
        window.settled();
        window.settled();
        assertEquals(List.of("pause"), queue.calls, "3 in flight is more than half of 4");
        window.settled();
        assertEquals(List.of("pause", "resume"), queue.calls);
        window.settled();
        window.settled();
        window.settled(); // more settles than sends (a late ack) do not go below zero
        window.opened();
        window.opened();
        window.opened();
        assertEquals(List.of("pause", "resume"), queue.calls, "the count restarted from zero");
    }

    @Test
    void aLimitReachedBeforeTheQueueIsKnownPausesItOnAttach() {
        RecordingQueue queue = new RecordingQueue();
        NodeWindow window = new NodeWindow("edge-1", 1, Runnable::run);
        window.opened();
        window.attach(queue);
        assertEquals(List.of("pause"), queue.calls);
    }

    @Test
    void recoverGivesMessagesBackAndReopens() {
        RecordingQueue queue = new RecordingQueue();
        NodeWindow window = new NodeWindow("edge-1", 2, Runnable::run);
        window.attach(queue);
        window.opened();
        window.opened();
        window.recover();
        window.close();
        window.opened();
        window.opened();
        assertEquals(List.of("pause", "recover", "resume", "close"), queue.calls, "a closed queue is left alone");
    }

    @Test
    void decisionsAreAppliedInOrderAndOnlyWhenTheStateDiffers() {
        RecordingQueue queue = new RecordingQueue();
        List<Runnable> control = new ArrayList<>();
        NodeWindow window = new NodeWindow("edge-1", 2, control::add);
        window.attach(queue);
        window.opened();
        window.opened(); // decide: pause
        window.settled(); // decide: resume, before the pause was applied
        control.forEach(Runnable::run);
        assertEquals(List.of(), queue.calls, "paused and resumed again before either was applied: nothing to do");
        control.clear();
        window.opened(); // decide: pause
        control.forEach(Runnable::run);
        assertEquals(List.of("pause"), queue.calls);
    }
}

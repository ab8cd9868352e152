package org.kubeedgej.cloud.devicecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Message;

/**
 * The edge's twin reports are confirmed only after the status write, from the writer, never from the upstream
 * transaction: that is what keeps the upstream transaction on one resource.
 */
class DeviceStatusQueueTest {

    private static final DeviceUpstreamResource TWIN = new DeviceUpstreamResource("default", "d1",
            DeviceUpstreamResource.TWIN);

    private final List<String> journal = new ArrayList<>();
    private final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
    private final CountDownLatch confirmed = new CountDownLatch(2);
    private final DeviceStatusQueue underTest = new DeviceStatusQueue();
    private int writes;

    /** Records writes and confirmations in order; the first write blocks until released, then fails. */
    private final class RecordingHandler extends DeviceUpstreamHandler {
        @Override
        void writeNow(String nodeId, DeviceUpstreamResource resource, JsonObject content) {
            boolean first;
            synchronized (journal) {
                first = writes++ == 0;
                journal.add("write " + content.getJsonObject("twin").getJsonObject("t").getJsonObject("actual")
                        .getString("value"));
            }
            if (first) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
                throw new IllegalStateException("API server unavailable");
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "waited 30 s for the writer");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void start() {
        DeviceUpstreamHandler handler = new RecordingHandler();
        handler.replies = new EdgeReplies() {
            @Override
            public void send(String nodeId, Message request, String source, String group, String resource,
                    JsonValue content, String resourceVersion) {
                synchronized (journal) {
                    journal.add("confirm " + nodeId + " " + request.header().id() + " " + group + " "
                            + ((JsonString) content).getString());
                }
                confirmed.countDown();
            }
        };
        underTest.writer = handler;
        underTest.statusWriters = 1;
        underTest.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable work) {
                return new Thread(work);
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException("the status queue uses plain threads");
            }
        };
        underTest.start();
    }

    private static JsonObject twin(String value) {
        return Json.createObjectBuilder().add("twin", Json.createObjectBuilder().add("t", Json.createObjectBuilder()
                .add("actual", Json.createObjectBuilder().add("value", value)))).build();
    }

    @AfterEach
    void stop() {
        underTest.stop();
    }

    @Test
    void reportsAreConfirmedOnlyAfterTheirWriteSucceeded() {
        start();
        Message first = Message.newRequest("twin", "resource", "update", "device/d1/twin/edge_updated", null);
        Message second = Message.newRequest("twin", "resource", "update", "device/d1/twin/edge_updated", null);
        underTest.submit("n1", TWIN, twin("1"), first);
        await(firstWriteStarted);
        // Arrives while the first write is under way: waits, and the failed report folds under it.
        underTest.submit("n1", TWIN, twin("2"), second);
        synchronized (journal) {
            assertEquals(List.of("write 1"), journal, "nothing is confirmed while the write is under way");
        }
        releaseFirstWrite.countDown();
        await(confirmed);

        synchronized (journal) {
            assertEquals(List.of("write 1", "write 2", "confirm n1 " + first.header().id() + " twin OK",
                    "confirm n1 " + second.header().id() + " twin OK"), journal);
        }
    }
}

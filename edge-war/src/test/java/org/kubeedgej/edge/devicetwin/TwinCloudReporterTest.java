package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Message;

/** What goes to the cloud is read when EdgeHub has room for it, not when the device was marked. */
class TwinCloudReporterTest {

    private final DeviceTwinFixture fixture = new DeviceTwinFixture();
    private final LinkedBlockingQueue<Supplier<Optional<Message>>> asked = new LinkedBlockingQueue<>();
    private final TwinCloudReporter underTest = new TwinCloudReporter();

    TwinCloudReporterTest() {
        underTest.store = fixture.store;
        underTest.edgeHub = new EdgeHubClient() {
            @Override
            public void sendLatest(Supplier<Optional<Message>> latest) {
                // EdgeHub waits for the rate limit here; the test decides when the room comes.
                asked.add(latest);
            }
        };
        underTest.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable work) {
                return new Thread(work);
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException("plain threads only");
            }
        };
        underTest.start();
    }

    @AfterEach
    void stop() {
        underTest.stop();
    }

    private static DeviceRecord sensorReporting(String value) {
        return DeviceRequestHandlerTest.sensor(new Twin("temperature", "", null, TwinValue.at(value, 7),
                TwinVersion.NONE, new TwinVersion(0, 1), false, "int"));
    }

    private static String reported(Message message) {
        return ((JsonObject) message.content()).getJsonObject("twin").getJsonObject("temperature")
                .getJsonObject("actual").getString("value");
    }

    @Test
    void aValueStoredWhileEdgeHubWaitsIsTheOneThatGoes() throws Exception {
        fixture.with(sensorReporting("20"));
        underTest.reportTwins("default/sensor");
        Supplier<Optional<Message>> pending = asked.poll(1, TimeUnit.MINUTES);
        assertTrue(pending != null, "the reporter asked EdgeHub to send");

        fixture.with(sensorReporting("21"));
        Message sent = pending.get().orElseThrow();

        assertEquals("21", reported(sent));
        assertEquals("device/default/sensor/twin/edge_updated", sent.route().resource());
        assertEquals("twin", sent.route().source());
        assertEquals("resource", sent.route().group());
        assertEquals("update", sent.route().operation());
    }

    @Test
    void aDeviceGoneWhileEdgeHubWaitsSendsNothing() throws Exception {
        fixture.with(sensorReporting("20"));
        underTest.reportTwins("default/sensor");
        Supplier<Optional<Message>> pending = asked.poll(1, TimeUnit.MINUTES);
        fixture.rows.clear();
        assertEquals(Optional.empty(), pending.get());
    }
}

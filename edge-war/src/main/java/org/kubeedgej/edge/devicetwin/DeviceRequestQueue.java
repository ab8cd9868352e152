package org.kubeedgej.edge.devicetwin;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kubeedgej.edge.eventbus.MqttInboundEvent;

/**
 * Takes device requests off EventBus's receiving thread into a bounded queue and hands them to
 * {@link DeviceRequestHandler} in arrival order, in batches of what has piled up (up to {@value #BATCH}). When
 * the queue is full, EventBus's receiving thread waits, which slows the MQTT connection rather than losing
 * requests.
 */
@ApplicationScoped
public class DeviceRequestQueue {

    private static final Logger LOG = Logger.getLogger(DeviceRequestQueue.class.getName());
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;

    @Inject
    DeviceRequestHandler handler;

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<MqttInboundEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private Thread worker;
    private volatile boolean stopping;

    void onMqtt(@Observes MqttInboundEvent event) throws InterruptedException {
        startWorker();
        queue.put(event);
    }

    private synchronized void startWorker() {
        if (worker == null && !stopping) {
            worker = threads.newThread(this::work);
            worker.setName("devicetwin-requests");
            worker.start();
        }
    }

    private void work() {
        List<MqttInboundEvent> batch = new ArrayList<>(BATCH);
        while (!stopping) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                handler.handle(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "DeviceTwin failed on a batch of " + batch.size() + " device requests", e);
            } finally {
                batch.clear();
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        if (worker != null) {
            worker.interrupt();
        }
    }
}

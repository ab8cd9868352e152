package org.kubeedgej.edge.devicetwin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.coalescing.CoalescingQueue;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

/**
 * Sends what devices report to the cloud: {@code device/<id>/twin/edge_updated} with every reported twin of the
 * device, and {@code device/<id>/state/update}. Devices are marked and sent by one thread from the stored state,
 * at the pace EdgeHub keeps to CloudHub's rate limit: while a send waits, further changes of the same device fold
 * into its next message, so under load the cloud gets fewer messages but always the newest values. The device is
 * read once EdgeHub has room for the message, not before the wait. Every device
 * is marked again when the cloud connection comes back, which covers what was lost with a restart while offline.
 */
@ApplicationScoped
public class TwinCloudReporter {

    static final String EDGE_UPDATED = "/twin/edge_updated";
    static final String STATE_UPDATE = "/state/update";
    private static final String TWIN_KEY = "twin:";
    private static final String STATE_KEY = "state:";
    private static final Logger LOG = Logger.getLogger(TwinCloudReporter.class.getName());

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    DeviceStore store;

    @Resource
    ManagedThreadFactory threads;

    /** Device ids due for sending, as {@code twin:<id>} or {@code state:<id>}; one sender keeps EdgeHub's order. */
    private CoalescingQueue<String, Boolean> due;

    @PostConstruct
    void start() {
        due = new CoalescingQueue<>("devicetwin-cloud-reporter", threads, 1, (a, b) -> a, Duration.ofSeconds(1),
                (key, marked) -> send(key));
    }

    /** Marks the device's reported twins for sending; what is sent is read from the store when it goes. */
    void reportTwins(String deviceId) {
        due.submit(TWIN_KEY + deviceId, Boolean.TRUE);
    }

    /** Marks the device's state for sending. */
    void reportState(String deviceId) {
        due.submit(STATE_KEY + deviceId, Boolean.TRUE);
    }

    /** Waits for EdgeHub's room first, then reads the device: what goes is the newest value at sending time. */
    private void send(String key) {
        edgeHub.sendLatest(() -> message(key, System.currentTimeMillis()));
    }

    private Optional<Message> message(String key, long now) {
        if (key.startsWith(TWIN_KEY)) {
            return store.find(key.substring(TWIN_KEY.length())).flatMap(d -> twins(d, now));
        }
        return store.find(key.substring(STATE_KEY.length())).flatMap(d -> state(d, now));
    }

    private static Optional<Message> twins(DeviceRecord device, long now) {
        List<Twin> reported = device.twins().values().stream().filter(t -> t.actual() != null).toList();
        if (reported.isEmpty()) {
            return Optional.empty();
        }
        JsonObject content = TwinPayloads.fresh(now).add(TwinPayloads.TWIN, TwinPayloads.cloudTwins(reported))
                .build();
        return Optional.of(Message.newRequest(Groups.TWIN, Groups.RESOURCE, Operations.UPDATE,
                "device/" + device.id() + EDGE_UPDATED, content));
    }

    private static Optional<Message> state(DeviceRecord device, long now) {
        if (device.state().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Message.newRequest(Groups.TWIN, Groups.RESOURCE, Operations.UPDATE,
                "device/" + device.id() + STATE_UPDATE, DevicePayloads.state(now, device)));
    }

    void onCloudConnected(@Observes CloudConnectedEvent connected) {
        List<DeviceRecord> all = store.all();
        all.forEach(d -> {
            reportTwins(d.id());
            reportState(d.id());
        });
        if (!all.isEmpty()) {
            LOG.info(() -> "cloud connection is back: reporting the twins and state of " + all.size() + " devices");
        }
    }

    @PreDestroy
    void stop() {
        due.stop();
    }
}

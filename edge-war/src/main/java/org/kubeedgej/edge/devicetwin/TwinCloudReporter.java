package org.kubeedgej.edge.devicetwin;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

/**
 * Sends what devices report to the cloud: {@code device/<id>/twin/edge_updated} with every reported twin of the
 * device, and {@code device/<id>/state/update}. Devices are marked and sent by one thread from the stored state,
 * at the pace EdgeHub keeps to CloudHub's rate limit: while a send waits, further changes of the same device fold
 * into its next message, so under load the cloud gets fewer messages but always the newest values. Every device
 * is marked again when the cloud connection comes back, which covers what was lost with a restart while offline.
 */
@ApplicationScoped
public class TwinCloudReporter {

    static final String EDGE_UPDATED = "/twin/edge_updated";
    static final String STATE_UPDATE = "/state/update";
    private static final Logger LOG = Logger.getLogger(TwinCloudReporter.class.getName());

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    DeviceStore store;

    @Resource
    ManagedThreadFactory threads;

    private final Set<String> twinsDue = new LinkedHashSet<>();
    private final Set<String> statesDue = new LinkedHashSet<>();
    private Thread sender;
    private boolean stopping;

    /** Marks the device's reported twins for sending; what is sent is read from the store when it goes. */
    void reportTwins(String deviceId) {
        mark(twinsDue, deviceId);
    }

    /** Marks the device's state for sending. */
    void reportState(String deviceId) {
        mark(statesDue, deviceId);
    }

    private synchronized void mark(Set<String> due, String id) {
        due.add(id);
        if (sender == null && !stopping) {
            sender = threads.newThread(this::sendLoop);
            sender.setName("devicetwin-cloud-reporter");
            sender.start();
        }
        notifyAll();
    }

    private void sendLoop() {
        while (true) {
            List<String> twins;
            List<String> states;
            synchronized (this) {
                while (!stopping && twinsDue.isEmpty() && statesDue.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopping) {
                    return;
                }
                twins = new ArrayList<>(twinsDue);
                states = new ArrayList<>(statesDue);
                twinsDue.clear();
                statesDue.clear();
            }
            long now = System.currentTimeMillis();
            try {
                twins.forEach(id -> store.find(id).ifPresent(d -> sendTwins(d, now)));
                states.forEach(id -> store.find(id).ifPresent(d -> sendState(d, now)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "DeviceTwin could not report " + twins.size() + " devices to the cloud", e);
            }
        }
    }

    private void sendTwins(DeviceRecord device, long now) {
        List<Twin> reported = device.twins().values().stream().filter(t -> t.actual() != null).toList();
        if (reported.isEmpty()) {
            return;
        }
        JsonObject content = TwinPayloads.base(UUID.randomUUID().toString(), now)
                .add(TwinPayloads.TWIN, TwinPayloads.twins(reported)).build();
        edgeHub.send(Message.newRequest(Groups.TWIN, Groups.RESOURCE, Operations.UPDATE,
                "device/" + device.id() + EDGE_UPDATED, content));
    }

    private void sendState(DeviceRecord device, long now) {
        if (device.state().isEmpty()) {
            return;
        }
        edgeHub.send(Message.newRequest(Groups.TWIN, Groups.RESOURCE, Operations.UPDATE,
                "device/" + device.id() + STATE_UPDATE, TwinPayloads.state(UUID.randomUUID().toString(), now,
                        device)));
    }

    void onCloudConnected(@Observes CloudConnectedEvent connected) {
        List<DeviceRecord> all = store.all();
        all.forEach(d -> {
            mark(twinsDue, d.id());
            mark(statesDue, d.id());
        });
        if (!all.isEmpty()) {
            LOG.info(() -> "cloud connection is back: reporting the twins and state of " + all.size() + " devices");
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        notifyAll();
    }
}

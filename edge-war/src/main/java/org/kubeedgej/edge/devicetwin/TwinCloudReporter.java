package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

/**
 * Sends what devices report to the cloud: {@code device/<id>/twin/edge_updated} with every reported twin of the
 * device (all of them, so EdgeHub's offline buffer may keep only the newest message per device without losing a
 * property), and {@code device/<id>/state/update}. When the cloud connection comes back, every device is reported
 * again from the database, which covers messages lost with a restart while offline.
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

    void reportTwins(DeviceRecord device, long now) {
        Map<String, Twin> reported = device.twins().entrySet().stream()
                .filter(e -> e.getValue().actual() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (reported.isEmpty()) {
            return;
        }
        JsonObject content = TwinPayloads.base(UUID.randomUUID().toString(), now)
                .add(TwinPayloads.TWIN, TwinPayloads.twins(reported.values())).build();
        edgeHub.send(Message.newRequest(Groups.TWIN, Groups.RESOURCE, Operations.UPDATE,
                "device/" + device.id() + EDGE_UPDATED, content));
    }

    void reportState(DeviceRecord device, long now) {
        if (device.state().isEmpty()) {
            return;
        }
        edgeHub.send(Message.newRequest(Groups.TWIN, Groups.RESOURCE, Operations.UPDATE,
                "device/" + device.id() + STATE_UPDATE, TwinPayloads.state(UUID.randomUUID().toString(), now,
                        device)));
    }

    void onCloudConnected(@Observes CloudConnectedEvent connected) {
        long now = System.currentTimeMillis();
        int count = 0;
        for (DeviceRecord device : store.all()) {
            reportTwins(device, now);
            reportState(device, now);
            count++;
        }
        int reported = count;
        if (reported > 0) {
            LOG.info(() -> "cloud connection is back: reported the twins and state of " + reported + " devices");
        }
    }
}

package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.shared.model.Message;

/**
 * What DeviceController sends in group {@code twin}: {@code membership} (handed to {@link MembershipSync}) and
 * {@code device/<id>/twin/cloud_updated} with desired values. Both are written to the database before EdgeHub
 * acknowledges them; mappers then hear of changed twins on the device's {@code twin/update/document} and
 * {@code twin/update/delta}. As in KubeEdge, a cloud_updated whose twin names or values break KubeEdge's rules is
 * dropped whole.
 */
@ApplicationScoped
public class CloudTwinSync {

    static final String MEMBERSHIP = "membership";
    static final String CLOUD_UPDATED = "/twin/cloud_updated";
    private static final String DEVICE = "device/";
    private static final Logger LOG = Logger.getLogger(CloudTwinSync.class.getName());

    @Inject
    DeviceStore store;

    @Inject
    MembershipSync membership;

    @Inject
    TwinChanges changes;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    /**
     * @param message a downstream message of group twin
     * @return whether it is stored (and may be acknowledged)
     */
    public boolean apply(Message message) {
        String resource = message.route().resource();
        if (message.content().getValueType() != JsonValue.ValueType.OBJECT) {
            LOG.warning(() -> "twin message " + resource + " from the cloud has no JSON object content; dropped");
            return true;
        }
        JsonObject content = message.content().asJsonObject();
        try {
            if (resource.equals(MEMBERSHIP) || resource.endsWith("/" + MEMBERSHIP)) {
                membership.apply(content);
                return true;
            }
            if (resource.startsWith(DEVICE) && resource.endsWith(CLOUD_UPDATED)) {
                cloudUpdated(resource.substring(DEVICE.length(), resource.length() - CLOUD_UPDATED.length()),
                        content);
                return true;
            }
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "twin message " + resource + " from the cloud cannot be read (" + e.getMessage()
                    + "); acknowledged and dropped");
            return true;
        } catch (RuntimeException e) {
            LOG.severe(() -> "DeviceTwin could not keep " + resource + " from the cloud (not acknowledged; the cloud"
                    + " resends): " + e.getMessage());
            return false;
        }
        LOG.warning(() -> "DeviceTwin does not know twin message " + resource + "; acknowledged and dropped");
        return true;
    }

    private void cloudUpdated(String deviceId, JsonObject content) {
        DeviceRecord device = store.find(deviceId).orElse(null);
        if (device == null) {
            LOG.warning(() -> "desired twins for device " + deviceId + ", which is not a member of node " + nodeName
                    + "; dropped (its membership comes first)");
            return;
        }
        Map<String, TwinPatch> twins;
        try {
            twins = TwinRequests.twinUpdate(content.toString());
        } catch (TwinRejection e) {
            LOG.warning(() -> "desired twins for device " + deviceId + " from the cloud dropped: " + e.reason());
            return;
        }
        long now = System.currentTimeMillis();
        TwinMerge.Result merge = TwinMerge.fromCloud(device.id(), device.twins(), twins, now);
        if (merge.dirty()) {
            store.save(device.withTwins(merge.twins()));
        }
        changes.publish(deviceId, merge, content.getString(TwinPayloads.EVENT_ID, ""), now);
        if (merge.changed()) {
            LOG.info(() -> "desired twins " + merge.after().keySet() + " of device " + deviceId + " updated from"
                    + " the cloud");
        }
    }
}

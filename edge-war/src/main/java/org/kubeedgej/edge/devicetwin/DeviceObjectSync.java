package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.kubeedgej.edge.metamanager.MetaRepository;
import org.kubeedgej.edge.metamanager.StoredObjectEvent;
import org.kubeedgej.shared.model.MessageFormatException;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Desired values from the v1beta1 Device object, which KubeEdge v1.22's cloud sends (group {@code resource},
 * {@code <ns>/device/<name>}) instead of twins: MetaManager stores and acknowledges it, then this sets each
 * {@code spec.properties[].desired.value} as the twin's desired value, with the object's resourceVersion as cloud
 * version and, for a new twin, the type its {@code desired.metadata.type} or else its DeviceModel property names,
 * and tells mappers by document and delta. KubeEdge's
 * own edge hands the object to its mapper over DMI (gRPC) instead; this edge has no DMI, so an MQTT mapper learns
 * desired values here. The object also makes a device a member (and its delete removes it): it is acknowledged and
 * resent until stored, while the cloud's membership list is sent once ({@link MembershipSync}).
 */
@ApplicationScoped
public class DeviceObjectSync {

    static final String DEVICE_MODEL = "devicemodel";
    private static final Logger LOG = Logger.getLogger(DeviceObjectSync.class.getName());

    @Inject
    MetaRepository meta;

    @Inject
    DeviceStore store;

    @Inject
    TwinChanges changes;

    @Inject
    MembershipSync membership;

    void onStored(@Observes StoredObjectEvent event) {
        ResourcePath path;
        try {
            path = ResourcePath.parseEdge(event.message().route().resource());
        } catch (MessageFormatException e) {
            return;
        }
        if (!ResourceTypes.DEVICE.equals(path.type()) || path.name().isEmpty()) {
            return;
        }
        String id = path.namespace() + "/" + path.name();
        if (Operations.DELETE.equals(event.message().route().operation())) {
            // The membership update that removes it is not acknowledged and may be lost; this is.
            membership.apply(Json.createObjectBuilder().add("removed_devices", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("id", id).add("name", path.name()))).build());
        } else if (event.message().content() instanceof JsonObject device) {
            try {
                apply(id, device);
            } catch (RuntimeException e) {
                LOG.severe(() -> "desired values of device " + id + " from its Device object not kept (they are"
                        + " applied again with its next membership): " + e.getMessage());
            }
        }
    }

    private void apply(String id, JsonObject device) {
        DeviceRecord record = store.find(id).filter(d -> d.id().equals(id)).orElse(null);
        if (record == null) {
            // The cloud sends a Device only to its node, and reliably (the membership list is not acknowledged, as
            // in KubeEdge): the object makes the device a member here; its desired values come with it.
            membership.apply(Json.createObjectBuilder().add("added_devices", Json.createArrayBuilder()
                    .add(memberOf(id, device))).build());
            return;
        }
        long now = System.currentTimeMillis();
        TwinMerge.Result merge = TwinMerge.fromCloud(id, record.twins(), desired(device, modelTypes(device)), now);
        if (merge.dirty()) {
            store.save(record.withTwins(merge.twins()));
        }
        changes.publish(id, merge, "", now);
        if (merge.changed()) {
            LOG.info(() -> "desired twins " + merge.after().keySet() + " of device " + id + " set from its Device"
                    + " object");
        }
    }

    /** The device as a membership entry: KubeEdge's id, name, the model as description, its attributes. */
    private static JsonObject memberOf(String id, JsonObject device) {
        String model = object(object(device, "spec"), "deviceModelRef").getString("name", "");
        String namespace = object(device, "metadata").getString("namespace", "default");
        return Json.createObjectBuilder().add("id", id)
                .add("name", object(device, "metadata").getString("name", id))
                .add("description", model)
                .add("attributes", Json.createObjectBuilder()
                        .add("namespace", DevicePayloads.attribute(namespace))
                        .add("deviceModelRef", DevicePayloads.attribute(model)))
                .build();
    }

    /**
     * @param deviceId {@code <namespace>/<name>}
     * @return the desired values of the device's stored Device object, none when there is none
     */
    Map<String, TwinPatch> desired(String deviceId) {
        int slash = deviceId.indexOf('/');
        if (slash < 0) {
            return Map.of();
        }
        return stored(deviceId.substring(0, slash) + "/" + ResourceTypes.DEVICE + "/" + deviceId.substring(slash + 1))
                .map(device -> desired(device, modelTypes(device))).orElse(Map.of());
    }

    private Map<String, String> modelTypes(JsonObject device) {
        String model = object(object(device, "spec"), "deviceModelRef").getString("name", "");
        String namespace = object(device, "metadata").getString("namespace", "default");
        return model.isEmpty() ? Map.of() : stored(namespace + "/" + DEVICE_MODEL + "/" + model)
                .map(DeviceObjectSync::propertyTypes).orElse(Map.of());
    }

    private Optional<JsonObject> stored(String key) {
        return meta.find(key).flatMap(text -> {
            try (JsonReader reader = Json.createReader(new StringReader(text))) {
                return Optional.of(reader.readObject());
            } catch (JsonException e) {
                LOG.warning(() -> "stored object " + key + " is not a JSON object; ignored");
                return Optional.empty();
            }
        });
    }

    /**
     * @param device a v1beta1 Device object
     * @param types twin type by property name (from its DeviceModel)
     * @return a desired value for each property that has one
     */
    static Map<String, TwinPatch> desired(JsonObject device, Map<String, String> types) {
        String resourceVersion = object(device, "metadata").getString("resourceVersion", "");
        TwinVersion version = resourceVersion.matches("[0-9]{1,18}")
                ? new TwinVersion(Long.parseLong(resourceVersion), 0) : null;
        Map<String, TwinPatch> desired = new LinkedHashMap<>();
        if (object(device, "spec").get("properties") instanceof jakarta.json.JsonArray properties) {
            for (JsonValue p : properties) {
                JsonObject want = p instanceof JsonObject property ? object(property, "desired")
                        : JsonValue.EMPTY_JSON_OBJECT;
                String name = p instanceof JsonObject property ? property.getString("name", "") : "";
                if (want.get("value") instanceof JsonString v && !v.getString().isEmpty() && !name.isEmpty()) {
                    // The desired value's own metadata.type first, as the cloud writes types there too.
                    String type = object(want, "metadata").get(Twin.TYPE) instanceof JsonString t
                            ? TwinRules.ofModelType(t.getString()) : types.get(name);
                    desired.put(name, TwinPatch.desired(v.getString(), type, version));
                }
            }
        }
        return desired;
    }

    /** @return the twin type of each property of a v1beta1 DeviceModel ({@code INT} → {@code int}) */
    static Map<String, String> propertyTypes(JsonObject model) {
        Map<String, String> types = new LinkedHashMap<>();
        if (object(model, "spec").get("properties") instanceof jakarta.json.JsonArray properties) {
            for (JsonValue p : properties) {
                if (p instanceof JsonObject property && property.get("type") instanceof JsonString type
                        && !property.getString("name", "").isEmpty()) {
                    types.put(property.getString("name"), TwinRules.ofModelType(type.getString()));
                }
            }
        }
        return types;
    }

    private static JsonObject object(JsonObject parent, String key) {
        return parent.get(key) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }
}

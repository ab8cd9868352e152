package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kubeedgej.edge.eventbus.EventBusConfig;
import org.kubeedgej.edge.eventbus.MqttInboundEvent;
import org.kubeedgej.edge.metamanager.MetaRepository;

/**
 * DeviceTwin's beans wired by hand on memory: devices in a map, MQTT publications recorded, the cloud reporter
 * counting, MetaManager's table in a map. Node {@value #NODE}.
 */
final class DeviceTwinFixture {

    static final String NODE = "edge-1";
    static final String SENSOR = "$hw/events/device/default/sensor/";

    /** One MQTT publication. */
    record Published(String topic, JsonObject json) {}

    final List<Published> published = new ArrayList<>();
    final List<String> twinsReported = new ArrayList<>();
    final List<String> statesReported = new ArrayList<>();
    final Map<String, DeviceRecord> rows = new LinkedHashMap<>();
    final Map<String, String> metaTable = new LinkedHashMap<>();
    final DeviceStore store = new DeviceStore();
    final TwinChanges changes = new TwinChanges();
    final DeviceRequestHandler handler = new DeviceRequestHandler();
    final DeviceObjectSync deviceObjects = new DeviceObjectSync();
    final MembershipSync membership = new MembershipSync();
    final CloudTwinSync cloud = new CloudTwinSync();
    boolean failWrites;

    DeviceTwinFixture() {
        store.repository = new DeviceRepository() {
            @Override
            public Optional<DeviceRecord> find(String id) {
                return Optional.ofNullable(rows.get(id));
            }

            @Override
            public List<DeviceRecord> findAll() {
                return new ArrayList<>(rows.values());
            }

            @Override
            public void save(DeviceRecord device) {
                saveAll(List.of(device));
            }

            @Override
            public void saveAll(Collection<DeviceRecord> devices) {
                if (failWrites) {
                    throw new IllegalStateException("disk full");
                }
                devices.forEach(d -> rows.put(d.id(), d));
            }

            @Override
            public boolean delete(String id) {
                return rows.remove(id) != null;
            }
        };
        changes.mqtt = (topic, payload) -> published.add(new Published(topic,
                json(new String(payload, StandardCharsets.UTF_8))));
        handler.store = store;
        handler.mqtt = changes.mqtt;
        handler.changes = changes;
        handler.nodeName = NODE;
        handler.config = new EventBusConfig() {
            @Override
            public int maxPayloadBytes() {
                return 4096;
            }
        };
        handler.cloud = new TwinCloudReporter() {
            @Override
            void reportTwins(String deviceId) {
                twinsReported.add(deviceId);
            }

            @Override
            void reportState(String deviceId) {
                statesReported.add(deviceId);
            }
        };
        deviceObjects.meta = new MetaRepository() {
            @Override
            public void save(String key, String type, String value) {
                metaTable.put(key, value);
            }

            @Override
            public boolean delete(String key) {
                return metaTable.remove(key) != null;
            }

            @Override
            public Optional<String> find(String key) {
                return Optional.ofNullable(metaTable.get(key));
            }

            @Override
            public Map<String, String> findByType(String type) {
                return Map.of();
            }
        };
        deviceObjects.store = store;
        deviceObjects.changes = changes;
        membership.store = store;
        membership.changes = changes;
        membership.deviceObjects = deviceObjects;
        deviceObjects.membership = membership;
        membership.mqtt = changes.mqtt;
        membership.nodeName = NODE;
        cloud.store = store;
        cloud.membership = membership;
        cloud.changes = changes;
        cloud.nodeName = NODE;
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** Stores a device directly (as an earlier membership would have). */
    DeviceTwinFixture with(DeviceRecord device) {
        rows.put(device.id(), device);
        return this;
    }

    /** Publishes on EventBus's behalf, as one batch. */
    void mqtt(String topic, String payload) {
        handler.handle(List.of(new MqttInboundEvent(topic, payload.getBytes(StandardCharsets.UTF_8))));
    }

    /** @return what was published on the topic, oldest first */
    List<JsonObject> on(String topic) {
        return published.stream().filter(p -> p.topic().equals(topic)).map(Published::json)
                .collect(Collectors.toList());
    }

    /** @return the one publication on the topic */
    JsonObject only(String topic) {
        List<JsonObject> all = on(topic);
        assertTrue(all.size() == 1, "one message on " + topic + ", got " + published);
        return all.get(0);
    }

    /** @return the topics published to, in order */
    List<String> topics() {
        return published.stream().map(Published::topic).toList();
    }
}

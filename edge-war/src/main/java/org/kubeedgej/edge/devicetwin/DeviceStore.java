package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's devices in memory, written through to {@link DeviceRepository} (the database is the truth; the map
 * saves reading it back on every MQTT request). Finds a device by KubeEdge's two id forms: {@code <namespace>/<name>}
 * or a bare name (pre-v1.17 mappers), which means the default namespace first, else the only device of that name.
 */
@ApplicationScoped
public class DeviceStore {

    @Inject
    DeviceRepository repository;

    private Map<String, DeviceRecord> devices;

    private synchronized Map<String, DeviceRecord> devices() {
        if (devices == null) {
            Map<String, DeviceRecord> loaded = new LinkedHashMap<>();
            repository.findAll().forEach(d -> loaded.put(d.id(), d));
            devices = loaded;
        }
        return devices;
    }

    /**
     * @param topicId the id as a topic names it
     * @return the device
     */
    public synchronized Optional<DeviceRecord> find(String topicId) {
        Map<String, DeviceRecord> all = devices();
        DeviceRecord exact = all.get(topicId);
        if (exact != null || topicId.contains("/")) {
            return Optional.ofNullable(exact);
        }
        DeviceRecord inDefault = all.get("default/" + topicId);
        if (inDefault != null) {
            return Optional.of(inDefault);
        }
        List<DeviceRecord> named = all.values().stream().filter(d -> d.name().equals(topicId)).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** @return every device of this node */
    public synchronized List<DeviceRecord> all() {
        return new ArrayList<>(devices().values());
    }

    /**
     * Writes the device to the database, then to memory.
     *
     * @param device the device
     */
    public synchronized void save(DeviceRecord device) {
        repository.save(device);
        devices().put(device.id(), device);
    }

    /**
     * Writes several devices in one transaction, then to memory; if the write fails, memory is reloaded from the
     * database on next use.
     *
     * @param changed the devices
     */
    public synchronized void saveAll(java.util.Collection<DeviceRecord> changed) {
        try {
            repository.saveAll(changed);
        } catch (RuntimeException e) {
            devices = null;
            throw e;
        }
        changed.forEach(d -> devices().put(d.id(), d));
    }

    /**
     * @param id the device id
     * @return the device removed, if it was there
     */
    public synchronized Optional<DeviceRecord> delete(String id) {
        repository.delete(id);
        return Optional.ofNullable(devices().remove(id));
    }
}

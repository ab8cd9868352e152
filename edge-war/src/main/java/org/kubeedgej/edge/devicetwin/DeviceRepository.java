package org.kubeedgej.edge.devicetwin;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** DeviceTwin's store: devices with their attributes and twins, kept across restarts. */
public interface DeviceRepository {

    /**
     * @param id the device id ({@code <namespace>/<name>})
     * @return the device, if this node holds it
     */
    Optional<DeviceRecord> find(String id);

    /** @return every device of this node */
    List<DeviceRecord> findAll();

    /**
     * Writes the device, its attributes and its twins in one transaction, replacing what was there.
     *
     * @param device the device
     */
    void save(DeviceRecord device);

    /**
     * Writes several devices in one transaction: all of them or none.
     *
     * @param devices the devices
     */
    void saveAll(Collection<DeviceRecord> devices);

    /**
     * @param id the device id
     * @return whether it was there
     */
    boolean delete(String id);
}

package org.kubeedgej.edge.devicetwin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kubeedgej.edge.metamanager.EdgePersistence;
import org.kubeedgej.shared.jpa.DeviceEntity;

/**
 * {@link DeviceRepository} on KubeEdge's device, device_attr and device_twin tables ({@link DeviceEntity} and its
 * rows) through {@link EdgePersistence}. A batch is one transaction: the devices it names are read with their
 * attributes and twins in three queries, changed in place, and only the rows that changed are written.
 */
@ApplicationScoped
public class JpaDeviceRepository implements DeviceRepository {

    /** EclipseLink's batch reading (ignored by other providers): a device's rows in one query per table. */
    private static final String BATCH = "eclipselink.batch";
    private static final String BATCH_TYPE = "eclipselink.batch.type";

    @Inject
    EdgePersistence persistence;

    @Override
    public Optional<DeviceRecord> find(String id) {
        return read("device " + id, em -> Optional.ofNullable(em.find(DeviceEntity.class, id))
                .map(DeviceEntities::toRecord));
    }

    @Override
    public List<DeviceRecord> findAll() {
        return read("the devices", em -> withRows(em.createNamedQuery(DeviceEntity.FIND_ALL, DeviceEntity.class))
                .getResultStream().map(DeviceEntities::toRecord).toList());
    }

    @Override
    public void save(DeviceRecord device) {
        saveAll(List.of(device));
    }

    @Override
    public void saveAll(Collection<DeviceRecord> devices) {
        if (devices.isEmpty()) {
            return;
        }
        try {
            persistence.write(em -> {
                Map<String, DeviceEntity> stored = withRows(em.createNamedQuery(DeviceEntity.FIND_BY_IDS,
                        DeviceEntity.class)).setParameter("ids", devices.stream().map(DeviceRecord::id).toList())
                        .getResultStream().collect(Collectors.toMap(DeviceEntity::id, d -> d));
                for (DeviceRecord device : devices) {
                    DeviceEntity entity = stored.get(device.id());
                    if (entity == null) {
                        entity = new DeviceEntity(device.id());
                        DeviceEntities.apply(device, entity);
                        em.persist(entity);
                        stored.put(device.id(), entity);
                    } else {
                        DeviceEntities.apply(device, entity);
                    }
                }
                return null;
            });
        } catch (PersistenceException e) {
            throw new IllegalStateException("cannot store " + devices.size() + " devices in the edge database: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String id) {
        try {
            return persistence.write(em -> {
                DeviceEntity entity = em.find(DeviceEntity.class, id);
                if (entity != null) {
                    em.remove(entity);
                }
                return entity != null;
            });
        } catch (PersistenceException e) {
            throw new IllegalStateException("cannot delete device " + id + " from the edge database: "
                    + e.getMessage(), e);
        }
    }

    private <T> T read(String what, Function<EntityManager, T> work) {
        try {
            return persistence.read(work);
        } catch (PersistenceException e) {
            throw new IllegalStateException("cannot read " + what + " from the edge database: " + e.getMessage(), e);
        }
    }

    private static TypedQuery<DeviceEntity> withRows(TypedQuery<DeviceEntity> query) {
        return query.setHint(BATCH_TYPE, "IN").setHint(BATCH, "d.attributes").setHint(BATCH, "d.twins");
    }
}

package org.kubeedgej.edge.metamanager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kubeedgej.shared.jpa.MetaEntry;

/**
 * {@link MetaRepository} on the {@link MetaEntry} entity (KubeEdge's meta table) through {@link EdgePersistence}.
 * A save updates the row in place, or inserts it when the key is new, without reading the old value.
 */
@ApplicationScoped
public class JpaMetaRepository implements MetaRepository {

    @Inject
    EdgePersistence persistence;

    @Override
    public void save(String key, String type, String value) {
        try {
            persistence.write(em -> {
                int updated = em.createNamedQuery(MetaEntry.UPDATE).setParameter("key", key)
                        .setParameter("type", type).setParameter("value", value).executeUpdate();
                if (updated == 0) {
                    em.persist(new MetaEntry(key, type, value));
                }
                return null;
            });
        } catch (PersistenceException e) {
            throw failed("cannot store " + key + " in", e);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            return persistence.write(em -> em.createNamedQuery(MetaEntry.DELETE).setParameter("key", key)
                    .executeUpdate() > 0);
        } catch (PersistenceException e) {
            throw failed("cannot delete " + key + " from", e);
        }
    }

    @Override
    public Optional<String> find(String key) {
        try {
            return persistence.read(em -> Optional.ofNullable(em.find(MetaEntry.class, key)).map(MetaEntry::value));
        } catch (PersistenceException e) {
            throw failed("cannot read " + key + " from", e);
        }
    }

    @Override
    public Map<String, String> findByType(String type) {
        try {
            return persistence.read(em -> {
                Map<String, String> found = new LinkedHashMap<>();
                em.createNamedQuery(MetaEntry.FIND_BY_TYPE, MetaEntry.class).setParameter("type", type)
                        .getResultStream().forEach(m -> found.put(m.key(), m.value()));
                return found;
            });
        } catch (PersistenceException e) {
            throw failed("cannot read the " + type + " objects from", e);
        }
    }

    private static IllegalStateException failed(String what, PersistenceException e) {
        return new IllegalStateException(what + " the edge database: " + e.getMessage(), e);
    }
}

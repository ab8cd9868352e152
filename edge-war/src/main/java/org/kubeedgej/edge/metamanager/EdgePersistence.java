package org.kubeedgej.edge.metamanager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceUnit;
import java.util.function.Function;

/**
 * The edge database through Jakarta Persistence: the {@value #UNIT} persistence unit (META-INF/persistence.xml,
 * resource-local on the {@value EdgeDatabase#JNDI_NAME} datasource) and its transactions. Each call has its own
 * entity manager; a write is one database transaction, committed before it returns.
 */
@ApplicationScoped
public class EdgePersistence {

    /** The persistence unit's name. */
    public static final String UNIT = "edgecore";

    @PersistenceUnit(unitName = UNIT)
    EntityManagerFactory factory;

    /** For CDI. */
    protected EdgePersistence() {
    }

    /**
     * Outside a container (tests): on a factory made by {@code Persistence.createEntityManagerFactory}.
     *
     * @param factory the factory of the {@value #UNIT} unit
     */
    public EdgePersistence(EntityManagerFactory factory) {
        this.factory = factory;
    }

    /**
     * Reads without a transaction.
     *
     * @param work what to read; runs before the entity manager closes, so it may follow lazy relations
     * @param <T> the result type
     * @return what work returned
     */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param work what to write
     * @param <T> the result type
     * @return what work returned
     * @throws RuntimeException from work or the commit (a {@code jakarta.persistence.PersistenceException} for
     *     database errors); nothing is then written
     */
    public <T> T write(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }
}

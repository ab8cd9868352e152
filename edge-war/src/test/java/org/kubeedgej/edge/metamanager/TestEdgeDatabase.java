package org.kubeedgej.edge.metamanager;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * The real {@code edgecore} persistence unit (src/main/resources/META-INF/persistence.xml) on EclipseLink in Java SE,
 * over an in-memory Derby database of its own instead of server.xml's datasource. Reopening keeps the database, as
 * an edgecore restart keeps its data directory.
 */
public final class TestEdgeDatabase implements AutoCloseable {

    /** The tables as KubeEdge-J's JDBC repositories created them before the entities existed. */
    public static final String[] JDBC_ERA_SCHEMA = {
        "CREATE TABLE meta (\"key\" VARCHAR(256) PRIMARY KEY, \"type\" VARCHAR(32) NOT NULL, \"value\" CLOB)",
        "CREATE TABLE \"device\" (\"id\" VARCHAR(320) PRIMARY KEY, \"name\" VARCHAR(253) NOT NULL,"
            + " \"description\" VARCHAR(1024), \"state\" VARCHAR(64), \"last_online\" VARCHAR(64))",
        "CREATE TABLE \"device_attr\" (\"id\" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " \"deviceid\" VARCHAR(320) NOT NULL, \"name\" VARCHAR(253) NOT NULL, \"description\" VARCHAR(1024),"
            + " \"value\" CLOB, \"optional\" BOOLEAN, \"attr_type\" VARCHAR(64), \"metadata\" CLOB)",
        "CREATE TABLE \"device_twin\" (\"id\" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " \"deviceid\" VARCHAR(320) NOT NULL, \"name\" VARCHAR(253) NOT NULL, \"description\" VARCHAR(1024),"
            + " \"expected\" CLOB, \"actual\" CLOB, \"expected_meta\" CLOB, \"actual_meta\" CLOB,"
            + " \"expected_version\" VARCHAR(128), \"actual_version\" VARCHAR(128), \"optional\" BOOLEAN,"
            + " \"attr_type\" VARCHAR(64), \"metadata\" CLOB)",
        "CREATE INDEX \"device_attr_deviceid\" ON \"device_attr\" (\"deviceid\")",
        "CREATE INDEX \"device_twin_deviceid\" ON \"device_twin\" (\"deviceid\")"};

    private final String name = "edge-" + UUID.randomUUID();
    private final EmbeddedDataSource dataSource = new EmbeddedDataSource();
    private EntityManagerFactory factory;

    /** A new, empty in-memory database; nothing is opened yet. */
    public TestEdgeDatabase() {
        dataSource.setDatabaseName("memory:" + name);
        dataSource.setCreateDatabase("create");
    }

    /**
     * Opens the persistence unit, closing the one open before (an edgecore restart).
     *
     * @return the edge database through JPA, as MetaManager and DeviceTwin get it
     */
    public EdgePersistence open() {
        closeFactory();
        factory = Persistence.createEntityManagerFactory(EdgePersistence.UNIT,
                Map.of("jakarta.persistence.nonJtaDataSource", dataSource, "eclipselink.session-name", name));
        return new EdgePersistence(factory);
    }

    /**
     * Runs SQL on the database directly, as an operator with Derby's ij would.
     *
     * @param statements SQL statements
     * @throws SQLException from Derby
     */
    public void execute(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /**
     * @param sql a query with one numeric result
     * @return that number
     * @throws SQLException from Derby
     */
    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void closeFactory() {
        if (factory != null && factory.isOpen()) {
            factory.close();
        }
    }

    /** Closes the persistence unit and drops the in-memory database. */
    @Override
    public void close() {
        closeFactory();
        EmbeddedDataSource drop = new EmbeddedDataSource();
        drop.setDatabaseName(dataSource.getDatabaseName());
        drop.setConnectionAttributes("drop=true");
        try {
            drop.getConnection().close();
        } catch (SQLException dropped) {
            // 08006: the database was dropped, which is what a drop reports.
        }
    }
}

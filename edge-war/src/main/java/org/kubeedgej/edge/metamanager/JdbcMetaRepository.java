package org.kubeedgej.edge.metamanager;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link MetaRepository} on the embedded Derby datasource; creates the table on first start. */
@ApplicationScoped
public class JdbcMetaRepository implements MetaRepository {

    private static final String CREATE = "CREATE TABLE meta (\"key\" VARCHAR(256) PRIMARY KEY,"
            + " \"type\" VARCHAR(32) NOT NULL, \"value\" CLOB)";
    private static final String UPDATE = "UPDATE meta SET \"type\" = ?, \"value\" = ? WHERE \"key\" = ?";
    private static final String INSERT = "INSERT INTO meta (\"key\", \"type\", \"value\") VALUES (?, ?, ?)";
    private static final String DELETE = "DELETE FROM meta WHERE \"key\" = ?";
    private static final String FIND = "SELECT \"value\" FROM meta WHERE \"key\" = ?";
    private static final String FIND_BY_TYPE = "SELECT \"key\", \"value\" FROM meta WHERE \"type\" = ?";
    private static final String TABLE_EXISTS = "X0Y32";

    @Resource(lookup = EdgeDatabase.JNDI_NAME)
    DataSource dataSource;

    @PostConstruct
    void createSchema() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(CREATE);
        } catch (SQLException e) {
            if (!TABLE_EXISTS.equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create MetaManager's meta table: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void save(String key, String type, String value) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement(UPDATE)) {
                update.setString(1, type);
                update.setString(2, value);
                update.setString(3, key);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setString(1, key);
                insert.setString(2, type);
                insert.setString(3, value);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + key + " in the edge database: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setString(1, key);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete " + key + " from the edge database: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> find(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement find = c.prepareStatement(FIND)) {
            find.setString(1, key);
            try (ResultSet rows = find.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + key + " from the edge database: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> findByType(String type) {
        Map<String, String> found = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement find = c.prepareStatement(FIND_BY_TYPE)) {
            find.setString(1, type);
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getString(2));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the " + type + " objects from the edge database: "
                    + e.getMessage(), e);
        }
    }
}

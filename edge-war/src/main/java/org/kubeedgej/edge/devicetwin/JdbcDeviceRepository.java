package org.kubeedgej.edge.devicetwin;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.kubeedgej.edge.metamanager.EdgeDatabase;

/**
 * {@link DeviceRepository} on the edge's Derby database, in KubeEdge's three tables (device, device_attr,
 * device_twin; {@code edge/pkg/metamanager/dao/models/device.go}). Values are strings, metadata and versions JSON,
 * as there. Tables are created on first start.
 */
@ApplicationScoped
public class JdbcDeviceRepository implements DeviceRepository {

    private static final String TABLE_EXISTS = "X0Y32";
    private static final String[] SCHEMA = {
        "CREATE TABLE \"device\" (\"id\" VARCHAR(320) PRIMARY KEY, \"name\" VARCHAR(253) NOT NULL,"
            + " \"description\" VARCHAR(1024), \"state\" VARCHAR(64), \"last_online\" VARCHAR(64))",
        "CREATE TABLE \"device_attr\" (\"id\" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " \"deviceid\" VARCHAR(320) NOT NULL, \"name\" VARCHAR(253) NOT NULL, \"description\" VARCHAR(1024),"
            + " \"value\" CLOB, \"optional\" BOOLEAN, \"attr_type\" VARCHAR(64), \"metadata\" CLOB)",
        "CREATE TABLE \"device_twin\" (\"id\" BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " \"deviceid\" VARCHAR(320) NOT NULL, \"name\" VARCHAR(253) NOT NULL, \"description\" VARCHAR(1024),"
            + " \"expected\" CLOB, \"actual\" CLOB, \"expected_meta\" CLOB, \"actual_meta\" CLOB,"
            + " \"expected_version\" VARCHAR(128), \"actual_version\" VARCHAR(128), \"optional\" BOOLEAN,"
            + " \"attr_type\" VARCHAR(64), \"metadata\" CLOB)"};
    private static final String[] INDEXES = {
        "CREATE INDEX \"device_attr_deviceid\" ON \"device_attr\" (\"deviceid\")",
        "CREATE INDEX \"device_twin_deviceid\" ON \"device_twin\" (\"deviceid\")"};

    private static final String SELECT_DEVICE = "SELECT \"id\", \"name\", \"description\", \"state\", \"last_online\""
            + " FROM \"device\"";
    private static final String SELECT_ATTRS = "SELECT \"deviceid\", \"name\", \"value\" FROM \"device_attr\"";
    private static final String SELECT_TWINS = "SELECT \"deviceid\", \"name\", \"description\", \"expected\","
            + " \"actual\", \"expected_meta\", \"actual_meta\", \"expected_version\", \"actual_version\","
            + " \"optional\", \"metadata\" FROM \"device_twin\"";
    private static final String BY_DEVICE = " WHERE \"deviceid\" = ?";

    @Resource(lookup = EdgeDatabase.JNDI_NAME)
    DataSource dataSource;

    @PostConstruct
    void createSchema() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                executeIfAbsent(s, ddl);
            }
            for (String ddl : INDEXES) {
                executeIfAbsent(s, ddl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create DeviceTwin's tables: " + e.getMessage(), e);
        }
    }

    private static void executeIfAbsent(Statement s, String ddl) throws SQLException {
        try {
            s.executeUpdate(ddl);
        } catch (SQLException e) {
            // X0Y32: the table or index exists already (every start after the first).
            if (!TABLE_EXISTS.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    @Override
    public Optional<DeviceRecord> find(String id) {
        List<DeviceRecord> found = query(id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<DeviceRecord> findAll() {
        return query(null);
    }

    private List<DeviceRecord> query(String id) {
        String where = id == null ? "" : " WHERE \"id\" = ?";
        String byDevice = id == null ? "" : BY_DEVICE;
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
            try (PreparedStatement q = prepare(c, SELECT_ATTRS + byDevice, id); ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    attrs.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).put(r.getString(2),
                            r.getString(3) == null ? "" : r.getString(3));
                }
            }
            Map<String, Map<String, Twin>> twins = new LinkedHashMap<>();
            try (PreparedStatement q = prepare(c, SELECT_TWINS + byDevice, id); ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Twin twin = readTwin(r);
                    twins.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).put(twin.name(), twin);
                }
            }
            List<DeviceRecord> devices = new ArrayList<>();
            try (PreparedStatement q = prepare(c, SELECT_DEVICE + where, id); ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    String deviceId = r.getString(1);
                    devices.add(new DeviceRecord(deviceId, r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), attrs.getOrDefault(deviceId, Map.of()),
                            twins.getOrDefault(deviceId, Map.of())));
                }
            }
            return devices;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + (id == null ? "the devices" : "device " + id)
                    + " from the edge database: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, String id) throws SQLException {
        PreparedStatement q = c.prepareStatement(sql);
        if (id != null) {
            q.setString(1, id);
        }
        return q;
    }

    private static Twin readTwin(ResultSet r) throws SQLException {
        String expected = r.getString(4);
        String actual = r.getString(5);
        return new Twin(r.getString(2), r.getString(3),
                expected == null ? null : new TwinValue(expected, json(r.getString(6))),
                actual == null ? null : new TwinValue(actual, json(r.getString(7))),
                TwinVersion.fromJson(json(r.getString(8))), TwinVersion.fromJson(json(r.getString(9))),
                r.getBoolean(10), json(r.getString(11)));
    }

    private static JsonObject json(String text) {
        if (text == null || text.isBlank()) {
            return jakarta.json.JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Override
    public void save(DeviceRecord device) {
        saveAll(List.of(device));
    }

    @Override
    public void saveAll(java.util.Collection<DeviceRecord> devices) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (DeviceRecord device : devices) {
                    write(c, device);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + devices.size() + " devices in the edge database: "
                    + e.getMessage(), e);
        }
    }

    private static void write(Connection c, DeviceRecord device) throws SQLException {
        deleteRows(c, device.id());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO \"device\" (\"id\", \"name\","
                + " \"description\", \"state\", \"last_online\") VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, device.id());
            p.setString(2, device.name());
            p.setString(3, device.description());
            p.setString(4, device.state());
            p.setString(5, device.lastOnline());
            p.executeUpdate();
        }
        insertAttributes(c, device);
        insertTwins(c, device);
    }

    private static void insertAttributes(Connection c, DeviceRecord device) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO \"device_attr\" (\"deviceid\", \"name\","
                + " \"value\", \"optional\", \"attr_type\", \"metadata\") VALUES (?, ?, ?, FALSE, 'string', '{}')")) {
            for (Map.Entry<String, String> attr : device.attributes().entrySet()) {
                p.setString(1, device.id());
                p.setString(2, attr.getKey());
                p.setString(3, attr.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void insertTwins(Connection c, DeviceRecord device) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO \"device_twin\" (\"deviceid\", \"name\","
                + " \"description\", \"expected\", \"actual\", \"expected_meta\", \"actual_meta\","
                + " \"expected_version\", \"actual_version\", \"optional\", \"attr_type\", \"metadata\")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Twin t : device.twins().values()) {
                p.setString(1, device.id());
                p.setString(2, t.name());
                p.setString(3, t.description());
                p.setString(4, t.expected() == null ? null : t.expected().value());
                p.setString(5, t.actual() == null ? null : t.actual().value());
                p.setString(6, t.expected() == null ? null : t.expected().metadata().toString());
                p.setString(7, t.actual() == null ? null : t.actual().metadata().toString());
                p.setString(8, t.expectedVersion().toJson().toString());
                p.setString(9, t.actualVersion().toJson().toString());
                p.setBoolean(10, t.optional());
                p.setString(11, t.type());
                p.setString(12, t.metadata().toString());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Override
    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean existed = deleteRows(c, id);
                c.commit();
                return existed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete device " + id + " from the edge database: "
                    + e.getMessage(), e);
        }
    }

    private static boolean deleteRows(Connection c, String id) throws SQLException {
        for (String table : new String[] {"device_attr", "device_twin"}) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM \"" + table + "\"" + BY_DEVICE)) {
                p.setString(1, id);
                p.executeUpdate();
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM \"device\" WHERE \"id\" = ?")) {
            p.setString(1, id);
            return p.executeUpdate() > 0;
        }
    }
}

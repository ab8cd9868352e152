package org.kubeedgej.edge.devicetwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.metamanager.EdgePersistence;
import org.kubeedgej.edge.metamanager.TestEdgeDatabase;

final class JpaDeviceRepositoryTest {

    private TestEdgeDatabase database;
    private JpaDeviceRepository underTest;

    @BeforeEach
    void open() {
        database = new TestEdgeDatabase();
        underTest = repositoryOn(database.open());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static JpaDeviceRepository repositoryOn(EdgePersistence persistence) {
        JpaDeviceRepository repository = new JpaDeviceRepository();
        repository.persistence = persistence;
        return repository;
    }

    private static Twin temperature() {
        return new Twin("temperature", "degrees", TwinValue.at("30", 5), TwinValue.at("25", 7),
                new TwinVersion(3, 0), new TwinVersion(1, 2), true, "int");
    }

    private static DeviceRecord sensor(String id, Twin... twins) {
        Map<String, Twin> byName = new java.util.LinkedHashMap<>();
        for (Twin t : twins) {
            byName.put(t.name(), t);
        }
        return new DeviceRecord(id, id.substring(id.indexOf('/') + 1), "a sensor", "online",
                "2026-01-01T00:00:00Z", Map.of("vendor", "acme", "serial", "42"), byName);
    }

    @Test
    void aSavedDeviceIsFoundWithItsAttributesAndTwins() {
        DeviceRecord device = sensor("default/sensor-1", temperature(),
                new Twin("humidity", "", null, null, TwinVersion.NONE, TwinVersion.NONE, false, ""));
        underTest.save(device);
        assertEquals(Optional.of(device), underTest.find("default/sensor-1"));
        assertEquals(List.of(device), underTest.findAll());
        assertEquals(Optional.empty(), underTest.find("default/none"));
    }

    @Test
    void saveReplacesWhatWasThereTwinByTwin() throws Exception {
        underTest.save(sensor("default/s", temperature(),
                new Twin("gone", "", TwinValue.at("1", 1), null, new TwinVersion(1, 0), TwinVersion.NONE, false,
                        "")));
        Twin reported = temperature().withActual(TwinValue.at("26", 8), new TwinVersion(1, 3));
        Twin added = new Twin("pressure", "", null, TwinValue.at("1013", 9), TwinVersion.NONE,
                new TwinVersion(0, 1), false, "int");
        DeviceRecord changed = sensor("default/s", reported, added).withState("offline", "");
        underTest.save(changed);
        assertEquals(Optional.of(changed), underTest.find("default/s"));
        assertEquals(2, database.count("SELECT COUNT(*) FROM \"device_twin\""));
        assertEquals(2, database.count("SELECT COUNT(*) FROM \"device_attr\""));
    }

    @Test
    void aBatchIsWrittenInOneTransactionAllOrNothing() {
        underTest.saveAll(List.of(sensor("default/a", temperature()), sensor("default/b", temperature())));
        assertEquals(2, underTest.findAll().size());
        DeviceRecord changedA = sensor("default/a").withState("offline", "");
        DeviceRecord tooLong = new DeviceRecord("default/c", "c".repeat(300), "", "", "", Map.of(), Map.of());
        assertThrows(IllegalStateException.class, () -> underTest.saveAll(List.of(changedA, tooLong)));
        assertEquals("online", underTest.find("default/a").orElseThrow().state(), "the batch was rolled back");
        assertEquals(1, underTest.find("default/a").orElseThrow().twins().size());
        assertFalse(underTest.find("default/c").isPresent());
    }

    @Test
    void aLargeBatchOfNewAndChangedDevicesIsKept() {
        List<DeviceRecord> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(sensor("default/d" + i, temperature()));
        }
        underTest.saveAll(batch);
        List<DeviceRecord> changed = batch.stream()
                .map(d -> d.withTwins(Map.of("temperature", temperature().withActual(TwinValue.at("9", 9),
                        new TwinVersion(1, 3)))))
                .toList();
        underTest.saveAll(changed);
        List<DeviceRecord> all = underTest.findAll();
        assertEquals(500, all.size());
        assertTrue(all.containsAll(changed));
    }

    @Test
    void deleteRemovesTheDeviceWithItsRows() throws Exception {
        underTest.save(sensor("default/s", temperature()));
        assertTrue(underTest.delete("default/s"));
        assertFalse(underTest.delete("default/s"));
        assertTrue(underTest.findAll().isEmpty());
        assertEquals(0, database.count("SELECT COUNT(*) FROM \"device_twin\""));
        assertEquals(0, database.count("SELECT COUNT(*) FROM \"device_attr\""));
    }

    @Test
    void devicesSurviveAReopenOfTheDatabase() {
        DeviceRecord device = sensor("default/s", temperature());
        underTest.save(device);
        assertEquals(List.of(device), repositoryOn(database.open()).findAll());
    }

    @Test
    void aNewSchemaIndexesTheDeviceIdOfAttributesAndTwins() throws Exception {
        underTest.findAll();
        for (String table : List.of("device_attr", "device_twin")) {
            assertEquals(1, database.count("SELECT COUNT(*) FROM SYS.SYSCONSTRAINTS c JOIN SYS.SYSTABLES t"
                    + " ON c.TABLEID = t.TABLEID WHERE t.TABLENAME = '" + table + "' AND c.TYPE = 'F'"),
                    table + ".deviceid is a foreign key (Derby indexes it)");
        }
        assertEquals(1, database.count("SELECT COUNT(*) FROM SYS.SYSCONGLOMERATES WHERE CONGLOMERATENAME = 'META_TYPE'"));
    }

    @Test
    void theDeviceTablesOfTheJdbcEraAreReadAndWrittenAsTheyAre() throws Exception {
        TestEdgeDatabase old = new TestEdgeDatabase();
        try (old) {
            old.execute(TestEdgeDatabase.JDBC_ERA_SCHEMA);
            old.execute("INSERT INTO \"device\" VALUES ('default/old', 'old', '', 'online', '')",
                    "INSERT INTO \"device_twin\" (\"deviceid\", \"name\", \"description\", \"actual\","
                            + " \"actual_meta\", \"expected_version\", \"actual_version\", \"optional\","
                            + " \"attr_type\", \"metadata\") VALUES ('default/old', 'temperature', '', '21',"
                            + " '{\"timestamp\":1}', '{\"cloud\":0,\"edge\":0}', '{\"cloud\":0,\"edge\":1}', FALSE,"
                            + " 'int', '{\"type\":\"int\"}')");
            JpaDeviceRepository repository = repositoryOn(old.open());
            Twin twin = repository.find("default/old").orElseThrow().twins().get("temperature");
            assertEquals("21", twin.actual().value());
            assertNull(twin.expected());
            assertEquals(new TwinVersion(0, 1), twin.actualVersion());
            repository.save(sensor("default/new", temperature()));
            assertEquals(2, repository.findAll().size());
            assertEquals(2, old.count("SELECT COUNT(*) FROM \"device_twin\""));
        }
    }
}

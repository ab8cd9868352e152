package it.org.kubeedgej.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kubeedgej.edge.devicetwin.DeviceRecord;
import org.kubeedgej.edge.devicetwin.DeviceRepository;
import org.kubeedgej.edge.devicetwin.JpaDeviceRepository;
import org.kubeedgej.edge.devicetwin.Twin;
import org.kubeedgej.edge.devicetwin.TwinValue;
import org.kubeedgej.edge.devicetwin.TwinVersion;
import org.kubeedgej.edge.health.EdgeDatabaseReadinessCheck;
import org.kubeedgej.edge.metamanager.EdgeDatabase;
import org.kubeedgej.edge.metamanager.EdgePersistence;
import org.kubeedgej.edge.metamanager.JpaMetaRepository;
import org.kubeedgej.edge.metamanager.MetaRepository;
import org.kubeedgej.shared.jpa.MetaEntry;

/**
 * Deploys MetaManager's database access, its readiness check and the JPA repositories of MetaManager and DeviceTwin
 * (with edge-war's persistence unit) onto a managed Liberty with a real embedded Derby, and checks them from inside
 * the server.
 */
@ExtendWith(ArquillianExtension.class)
class EdgeDatabaseArquillianIT {

    @Deployment
    static WebArchive edgeDatabase() {
        return ShrinkWrap.create(WebArchive.class, "edge-database-it.war")
                .addClasses(EdgeDatabase.class, EdgeDatabase.DatabaseInfo.class, EdgeDatabaseReadinessCheck.class)
                .addClasses(EdgePersistence.class, MetaRepository.class, JpaMetaRepository.class)
                .addClasses(DeviceRepository.class, JpaDeviceRepository.class, DeviceRecord.class, Twin.class,
                        TwinValue.class, TwinVersion.class)
                .addClass("org.kubeedgej.edge.devicetwin.DeviceEntities")
                .addPackage(MetaEntry.class.getPackage())
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    EdgeDatabase database;

    @Inject
    MetaRepository meta;

    @Inject
    DeviceRepository devices;

    /** Health checks carry the @Readiness qualifier, so they are injected with it. */
    @Inject
    @Readiness
    EdgeDatabaseReadinessCheck readiness;

    @Test
    void edgeDatabaseOpensEmbeddedDerby() throws SQLException {
        EdgeDatabase.DatabaseInfo info = database.check();
        assertEquals("Apache Derby", info.product());
        assertTrue(info.url().startsWith("jdbc:derby:") && info.url().endsWith("edgecore"), info.url());
    }

    @Test
    void readinessReportsTheOpenDatabase() {
        HealthCheckResponse response = readiness.call();
        assertEquals("edge-database", response.getName());
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertTrue(response.getData().orElseThrow().get("product").toString().startsWith("Apache Derby"));
    }

    @Test
    void metaManagersRepositoryKeepsObjectsInDerbyThroughJpa() {
        String key = "it-" + UUID.randomUUID() + "/configmap/settings";
        meta.save(key, "configmap", "{\"data\":{\"a\":\"1\"}}");
        meta.save(key, "configmap", "{\"data\":{\"a\":\"2\"}}");
        assertEquals(Optional.of("{\"data\":{\"a\":\"2\"}}"), meta.find(key));
        assertTrue(meta.findByType("configmap").containsKey(key));
        assertTrue(meta.delete(key));
        assertEquals(Optional.empty(), meta.find(key));
    }

    @Test
    void deviceTwinsRepositoryWritesABatchInOneTransaction() {
        String id = "it-" + UUID.randomUUID() + "/sensor";
        Twin twin = new Twin("temperature", "", null, TwinValue.at("25", 1), TwinVersion.NONE, new TwinVersion(0, 1),
                false, "int");
        DeviceRecord device = new DeviceRecord(id, "sensor", "", "online", "", Map.of("vendor", "acme"),
                Map.of("temperature", twin));
        DeviceRecord tooLong = new DeviceRecord(id + "-2", "n".repeat(300), "", "", "", Map.of(), Map.of());
        assertThrows(IllegalStateException.class, () -> devices.saveAll(List.of(device, tooLong)));
        assertTrue(devices.find(id).isEmpty(), "a failed batch leaves nothing behind");
        devices.saveAll(List.of(device));
        assertEquals(Optional.of(device), devices.find(id));
        assertTrue(devices.delete(id));
    }
}

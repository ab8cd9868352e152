package it.org.kubeedgej.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kubeedgej.edge.health.EdgeDatabaseReadinessCheck;
import org.kubeedgej.edge.metamanager.EdgeDatabase;

/**
 * Deploys MetaManager's database access and its readiness check from edge-war onto a managed Liberty with a
 * real embedded Derby, and checks them from inside the server.
 */
@ExtendWith(ArquillianExtension.class)
class EdgeDatabaseArquillianIT {

    @Deployment
    static WebArchive edgeDatabase() {
        return ShrinkWrap.create(WebArchive.class, "edge-database-it.war")
                .addClasses(EdgeDatabase.class, EdgeDatabase.DatabaseInfo.class, EdgeDatabaseReadinessCheck.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    EdgeDatabase database;

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
}

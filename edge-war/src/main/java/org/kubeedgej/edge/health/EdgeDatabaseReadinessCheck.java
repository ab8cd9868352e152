package org.kubeedgej.edge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kubeedgej.edge.metamanager.EdgeDatabase;

/** EdgeCore is not ready while MetaManager's database cannot be opened: nothing from the cloud could be kept. */
@Readiness
@ApplicationScoped
public class EdgeDatabaseReadinessCheck implements HealthCheck {

    static final String NAME = "edge-database";

    @Inject
    EdgeDatabase database;

    @Override
    public HealthCheckResponse call() {
        try {
            EdgeDatabase.DatabaseInfo info = database.check();
            return HealthCheckResponse.named(NAME).up()
                    .withData("product", info.product() + " " + info.version())
                    .withData("url", info.url())
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", "cannot open the edge database (" + e.getMessage()
                            + "); check that edgecore.database.dir is writable and not locked by another edgecore")
                    .build();
        }
    }
}

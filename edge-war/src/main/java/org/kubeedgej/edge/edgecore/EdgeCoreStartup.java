package org.kubeedgej.edge.edgecore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.metamanager.EdgeDatabase;

/** Runs once when EdgeCore starts: names the node it serves and opens the edge database. */
@ApplicationScoped
public class EdgeCoreStartup {

    private static final Logger LOG = Logger.getLogger(EdgeCoreStartup.class.getName());

    @Inject
    EdgeDatabase database;

    /** The node's name, as edged's hostname-override in edgecore.yaml. */
    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    private volatile boolean started;

    void onStart(@Observes Startup event) {
        try {
            EdgeDatabase.DatabaseInfo info = database.check();
            LOG.info(() -> "edgecore starting for node " + nodeName + "; edge database " + info.product() + " "
                    + info.version() + " at " + info.url());
        } catch (SQLException e) {
            // Readiness reports the database as DOWN with the cause; keep starting so health can be read.
            LOG.severe(() -> "edgecore for node " + nodeName + " cannot open its edge database: " + e.getMessage()
                    + "; check edgecore.database.dir");
        }
        started = true;
    }

    /** @return the name of the node this edgecore serves */
    public String nodeName() {
        return nodeName;
    }

    /** @return whether start-up has completed */
    public boolean isStarted() {
        return started;
    }
}

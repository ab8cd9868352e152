package org.kubeedgej.edge.metamanager;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The edge database as a whole: whether it is open, and what it is. */
@ApplicationScoped
public class EdgeDatabase {

    /** JNDI name of MetaManager's datasource, defined in server.xml. */
    public static final String JNDI_NAME = "jdbc/edgecore";

    private static final int VALID_TIMEOUT_SECONDS = 2;

    @Resource(lookup = JNDI_NAME)
    DataSource dataSource;

    /**
     * Opens a connection and checks that it works.
     *
     * @return the database product, version and URL
     * @throws SQLException when the database cannot be opened; the message names the cause
     */
    public DatabaseInfo check() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_TIMEOUT_SECONDS)) {
                throw new SQLException("the edge database connection did not validate within "
                        + VALID_TIMEOUT_SECONDS + " s");
            }
            DatabaseMetaData meta = connection.getMetaData();
            return new DatabaseInfo(meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), meta.getURL());
        }
    }

    /**
     * What the edge database is.
     *
     * @param product the product name (Apache Derby)
     * @param version its version
     * @param url the JDBC URL, which names the database directory
     */
    public record DatabaseInfo(String product, String version, String url) {}
}

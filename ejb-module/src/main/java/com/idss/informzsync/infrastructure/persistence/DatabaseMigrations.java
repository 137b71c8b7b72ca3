package com.idss.informzsync.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date with the versioned migrations before anything else runs. */
@Singleton
@Startup
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = "java:jboss/datasources/IdssSyncDS")
    DataSource dataSource;

    // Flyway commits each migration itself: it must not run inside a container transaction.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        var result = Flyway.configure(DatabaseMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations())
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /** The locations for the database the datasource leads to. */
    private String[] locations() {
        try (Connection connection = dataSource.getConnection()) {
            return Databases.migrationLocations(Databases.isPostgres(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("could not tell which database the datasource is", e);
        }
    }
}

package com.idss.informzsync.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** Which database a connection leads to, for the few statements written for PostgreSQL alone. */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /**
     * Where the schema migrations of the one or the other database lie: the shared ones, and on
     * PostgreSQL its own (storage and index options H2 lacks), whose versions never repeat a shared
     * one. The server and the tests migrate the same way.
     */
    public static String[] migrationLocations(boolean postgres) {
        return postgres ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                : new String[] {"classpath:db/migration"};
    }
}

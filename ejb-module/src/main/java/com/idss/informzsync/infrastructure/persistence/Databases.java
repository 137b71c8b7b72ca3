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
}

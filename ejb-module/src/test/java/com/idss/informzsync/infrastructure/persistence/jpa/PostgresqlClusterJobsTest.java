package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.testsupport.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/** Runs with {@code -Dtest.postgresql=true} against PostgreSQL at 127.0.0.1:5432/test. */
@EnabledIf("com.idss.informzsync.testsupport.TestDatabase#postgresqlEnabled")
class PostgresqlClusterJobsTest extends ClusterJobsContract {

    PostgresqlClusterJobsTest() {
        super(TestDatabase.Kind.POSTGRESQL);
    }
}

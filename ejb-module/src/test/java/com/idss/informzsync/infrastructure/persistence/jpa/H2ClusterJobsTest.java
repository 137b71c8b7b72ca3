package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.testsupport.TestDatabase;

class H2ClusterJobsTest extends ClusterJobsContract {

    H2ClusterJobsTest() {
        super(TestDatabase.Kind.H2);
    }
}

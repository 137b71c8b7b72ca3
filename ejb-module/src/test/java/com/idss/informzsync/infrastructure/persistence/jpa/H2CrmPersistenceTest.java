package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.testsupport.TestDatabase;

class H2CrmPersistenceTest extends CrmPersistenceContract {

    H2CrmPersistenceTest() {
        super(TestDatabase.Kind.H2);
    }
}

package com.idss.informzsync.infrastructure.persistence.jpa;

import com.idss.informzsync.testsupport.TestDatabase;

class H2SharedInformzConnectionTest extends SharedInformzConnectionContract {

    H2SharedInformzConnectionTest() {
        super(TestDatabase.Kind.H2);
    }
}

package com.idss.informzsync.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The product's own EAR, as built, plus the test classes as an EAR library (Arquillian does not add
 * them to an EAR by itself).
 */
public final class Deployments {

    private Deployments() {
    }

    /** The product EAR exactly as built, for client-side tests (the browser tests) that deploy nothing of their own. */
    public static EnterpriseArchive productEar() {
        File ear = new File(System.getProperty("ear.file", "target/idss-informz-sync.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    public static EnterpriseArchive productEarWith(Class<?>... testClasses) {
        File ear = new File(System.getProperty("ear.file", "target/idss-informz-sync.ear"));
        JavaArchive tests = ShrinkWrap.create(JavaArchive.class, "in-container-tests.jar")
                .addClasses(testClasses)
                .addClasses(SyncRecorder.class, InformzSimulatorAdmin.class, CrmFixture.class, Deployments.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear).addAsLibrary(tests);
    }
}

package com.idss.informzsync.benchmark.floor;

import com.idss.informzsync.it.Deployments;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** Adds the floor to a test EAR: an EJB module of its own, with its own persistence unit on the product's datasource. */
public final class FloorModule {

    static final String NAME = "shape-floor";

    private static final String PERSISTENCE_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
              <persistence-unit name="shape-floor" transaction-type="JTA">
                <provider>org.eclipse.persistence.jpa.PersistenceProvider</provider>
                <jta-data-source>java:jboss/datasources/IdssSyncDS</jta-data-source>
                <class>com.idss.informzsync.benchmark.floor.FloorRow</class>
                <exclude-unlisted-classes>true</exclude-unlisted-classes>
                <shared-cache-mode>NONE</shared-cache-mode>
                <validation-mode>NONE</validation-mode>
                <properties>
                  <property name="jboss.as.jpa.providerModule" value="org.eclipse.persistence"/>
                  <property name="eclipselink.ddl-generation" value="none"/>
                  <property name="eclipselink.logging.logger" value="JavaLogger"/>
                  <property name="eclipselink.logging.level" value="WARNING"/>
                </properties>
              </persistence-unit>
            </persistence>
            """;

    private FloorModule() {
    }

    /** The EAR with the floor's module added and listed. */
    public static EnterpriseArchive addTo(EnterpriseArchive ear) {
        JavaArchive module = ShrinkWrap.create(JavaArchive.class, NAME + ".jar")
                .addClasses(FloorRow.class, FloorSaves.class, FloorListener.class)
                .addAsManifestResource(new StringAsset(PERSISTENCE_XML), "persistence.xml")
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return Deployments.listModule(ear.addAsModule(module), "<module><ejb>" + NAME + ".jar</ejb></module>");
    }
}

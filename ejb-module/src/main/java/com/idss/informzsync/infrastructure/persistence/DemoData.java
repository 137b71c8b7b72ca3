package com.idss.informzsync.infrastructure.persistence;

import com.idss.informzsync.infrastructure.persistence.demo.DemoDataLoader;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;

/**
 * Loads the demo data at start-up when the server runs with {@code -Didss.demo-data=true} (the run
 * script sets it; tests and production do not). The loader does nothing once any account exists.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @PersistenceContext(unitName = "crm")
    EntityManager em;

    @PostConstruct
    void loadIfAsked() {
        if (Boolean.getBoolean("idss.demo-data") && new DemoDataLoader(em).loadIfEmpty()) {
            LOG.info("Demo data loaded");
        }
    }
}

package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ConsoleQueries;
import com.idss.informzsync.application.console.Dashboard;
import com.idss.informzsync.application.console.SyncEngine;
import com.idss.informzsync.application.sync.InformzConnection;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

@Named("dashboard")
@RequestScoped
public class DashboardBean {

    @EJB
    ConsoleQueries queries;

    @Inject
    SyncEngine engine;

    private Dashboard dashboard;
    private InformzConnection connection;

    @PostConstruct
    void load() {
        dashboard = queries.dashboard();
        connection = engine.connection().orElse(null);
    }

    public Dashboard getData() {
        return dashboard;
    }

    /** {@code null} when no sync engine (and so no monitor) is deployed. */
    public InformzConnection getConnection() {
        return connection;
    }

    public boolean isEngineAvailable() {
        return engine.available();
    }
}

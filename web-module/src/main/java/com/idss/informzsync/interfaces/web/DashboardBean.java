package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.ConsoleQueries;
import com.idss.informzsync.application.console.Dashboard;
import com.idss.informzsync.application.sync.InformzConnection;
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
    InformzConnection.Monitor connectionMonitor;

    private Dashboard dashboard;
    private InformzConnection connection;

    @PostConstruct
    void load() {
        dashboard = queries.dashboard();
        connection = connectionMonitor.current();
    }

    public Dashboard getData() {
        return dashboard;
    }


    public InformzConnection getConnection() {
        return connection;
    }

}

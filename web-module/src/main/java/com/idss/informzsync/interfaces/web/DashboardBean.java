package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.console.Dashboard;
import com.idss.informzsync.application.console.DashboardQueries;
import com.idss.informzsync.application.operations.ActivityHistory;
import com.idss.informzsync.application.sync.InformzConnection;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;

@Named("dashboard")
@RequestScoped
public class DashboardBean {

    @EJB
    DashboardQueries queries;

    @EJB
    ActivityHistory history;

    @Inject
    InformzConnection.Monitor connectionMonitor;

    private Dashboard dashboard;
    private InformzConnection connection;
    private ActivityHistory.Minutes lastDay;

    @PostConstruct
    void load() {
        dashboard = queries.dashboard();
        connection = connectionMonitor.current();
        lastDay = history.lastHours(24);
    }

    /** Charts of the last 24 hours, drawn here as SVG from numbers only (safe to write unescaped). */
    public String getCallsChart() {
        return MinuteChart.svg("calls-chart", "Informz calls per minute", "calls", lastDay.calls(), lastDay.firstMinute(), "line-calls");
    }

    public String getFailuresChart() {
        return MinuteChart.svg("failures-chart", "Failed Informz calls per minute", "failed", lastDay.failures(),
                lastDay.firstMinute(), "line-failures");
    }

    public String getLagChart() {
        return MinuteChart.svg("lag-chart", "Sync lag", "s", lastDay.lagSeconds(), lastDay.firstMinute(), "line-lag");
    }

    public long getCallsToday() {
        return Arrays.stream(lastDay.calls()).sum();
    }

    public long getFailuresToday() {
        return Arrays.stream(lastDay.failures()).sum();
    }

    public Dashboard getData() {
        return dashboard;
    }


    public InformzConnection getConnection() {
        return connection;
    }

}

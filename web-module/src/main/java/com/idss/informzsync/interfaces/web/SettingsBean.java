package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.sync.InformzConnection;
import com.idss.informzsync.application.sync.InformzConnection;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The Informz settings as the server has them (system properties set by configure.cli). The
 * password is only ever reported as set or not: it is read from the environment and never shown.
 */
@Named("settings")
@RequestScoped
public class SettingsBean {

    @Inject
    InformzConnection.Monitor connectionMonitor;

    public String getEndpoint() {
        return System.getProperty("idss.informz.endpoint", "(not set)");
    }

    public String getBrandId() {
        return System.getProperty("idss.informz.brand-id", "(not set)");
    }

    public String getBrandName() {
        return System.getProperty("idss.informz.brand-name", "(not set)");
    }

    public String getUser() {
        return System.getProperty("idss.informz.user", "(not set)");
    }

    public boolean isPasswordSet() {
        String password = System.getenv("INFORMZ_PASSWORD");
        return password != null && !password.isEmpty();
    }

    public String getMaxSessions() {
        return System.getProperty("idss.sync.max-sessions", "(not set)");
    }

    public InformzConnection getConnection() {
        return connectionMonitor.current();
    }
}

package com.idss.informzsync.interfaces.web;

import com.idss.informzsync.application.sync.InformzConnection;
import com.idss.informzsync.application.sync.InformzPassword;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The Informz settings as the server has them (system properties set by configure.cli). The
 * password is only ever reported by where it comes from (credential store or environment), never shown.
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

    /** Where the password comes from; never the password. */
    public String getPasswordSource() {
        return switch (InformzPassword.source()) {
            case CREDENTIAL_STORE -> "set, from the credential store (encrypted expression); never shown";
            case ENVIRONMENT -> "set, from the server's environment (INFORMZ_PASSWORD, the demo's fallback); never shown";
            case NONE -> "NOT SET: see README, Operating, \"The Informz password\"";
        };
    }

    public String getMaxSessions() {
        return System.getProperty("idss.sync.max-sessions", "(not set)");
    }

    public InformzConnection getConnection() {
        return connectionMonitor.current();
    }
}

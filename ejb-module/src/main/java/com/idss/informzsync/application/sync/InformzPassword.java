package com.idss.informzsync.application.sync;

import java.util.Optional;

/**
 * Where the Informz password comes from, read at every call so that a rotation takes effect without
 * a redeploy. First the system property {@value #PROPERTY}, which the server sets from an encrypted
 * expression whose key lives in WildFly's Elytron credential store (server-config/secrets.cli,
 * README "Operating"); else the environment variable {@value #ENVIRONMENT}, the demo's fallback.
 * The value itself is never returned to anything that shows or logs.
 */
public final class InformzPassword {

    public static final String PROPERTY = "idss.informz.password";
    public static final String ENVIRONMENT = "INFORMZ_PASSWORD";

    public enum Source {
        CREDENTIAL_STORE, ENVIRONMENT, NONE
    }

    private InformzPassword() {
    }

    /** The password to send; empty when none is configured (Informz then refuses every call). */
    public static String current() {
        return fromProperty().or(InformzPassword::fromEnvironment).orElse("");
    }

    public static Source source() {
        if (fromProperty().isPresent()) {
            return Source.CREDENTIAL_STORE;
        }
        return fromEnvironment().isPresent() ? Source.ENVIRONMENT : Source.NONE;
    }

    private static Optional<String> fromProperty() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(value -> !value.isEmpty());
    }

    private static Optional<String> fromEnvironment() {
        return Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(value -> !value.isEmpty());
    }
}

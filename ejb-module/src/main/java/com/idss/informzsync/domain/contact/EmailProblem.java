package com.idss.informzsync.domain.contact;

/** Why a contact's email cannot be sent to Informz. Stored and shown, so the names are stable. */
public enum EmailProblem {
    NO_EMAIL("the contact has no email address"),
    EMAIL_TOO_LONG("the email address is longer than Informz's " + EmailAddresses.MAX_LENGTH + " characters"),
    INVALID_EMAIL("the email address is not a valid address");

    private final String explanation;

    EmailProblem(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}

package com.idss.informzsync.application.console;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One way Informz holds a contact as unsubscribed, in the words the contact page shows it. */
public record UnsubscribeNotice(String listName, String email, LocalDate since, String reason) {

    static UnsubscribeNotice of(String listName, String email, OffsetDateTime at, String reason) {
        return new UnsubscribeNotice(listName, email, at == null ? null : at.toLocalDate(), reason);
    }

    public boolean brandWide() {
        return listName == null;
    }

    public String text() {
        String from = brandWide() ? "from all mail" : "from the interest of list “" + listName + "”";
        String when = since == null ? "" : " since " + since;
        String why = reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")";
        return "Informz holds " + email + " as unsubscribed " + from + when + why
                + ". The sync never resubscribes it; only the person can, in Informz.";
    }
}

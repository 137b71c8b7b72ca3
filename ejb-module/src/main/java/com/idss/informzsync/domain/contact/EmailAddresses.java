package com.idss.informzsync.domain.contact;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for email addresses as Informz sees them. The CRM keeps what the user typed for display;
 * matching (duplicates, "is this the address we synced?") uses the normalised form.
 */
public final class EmailAddresses {

    /** Informz rejects longer addresses. */
    public static final int MAX_LENGTH = 100;

    private static final int MAX_LOCAL_PART_LENGTH = 64;

    // Pragmatic RFC 5322 subset: unquoted dot-atom local part, DNS host names with an alphabetic
    // (or IDN "xn--") top-level domain. Quoted local parts and IP literals are legal but never
    // appear in a CRM except by mistake, and mail platforms refuse most of them anyway.
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String TOP_LEVEL = "(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})";
    private static final Pattern SYNTAX = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+" + TOP_LEVEL);

    private EmailAddresses() {
    }

    /** The form two addresses are compared in: trimmed and lower-cased; {@code null} when blank. */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String trimmed = typed.strip();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    /** What stops this address from being synced, if anything. */
    public static Optional<EmailProblem> problemWith(String typed) {
        String normalised = normalise(typed);
        if (normalised == null) {
            return Optional.of(EmailProblem.NO_EMAIL);
        }
        if (normalised.length() > MAX_LENGTH) {
            return Optional.of(EmailProblem.EMAIL_TOO_LONG);
        }
        if (!SYNTAX.matcher(normalised).matches()
                || normalised.substring(0, normalised.indexOf('@')).length() > MAX_LOCAL_PART_LENGTH) {
            return Optional.of(EmailProblem.INVALID_EMAIL);
        }
        return Optional.empty();
    }

    public static boolean isSyncable(String typed) {
        return problemWith(typed).isEmpty();
    }
}

package com.idss.informzsync.domain.contact;

import java.util.Locale;
import java.util.Optional;

/**
 * Rules for email addresses as Informz sees them. The CRM keeps what the user typed for display;
 * matching (duplicates, "is this the address we synced?") uses the normalised form.
 */
public final class EmailAddresses {

    /** Informz rejects longer addresses. */
    public static final int MAX_LENGTH = 100;

    private static final int MAX_LOCAL_PART_LENGTH = 64;

    /** The characters of an unquoted local part's atoms (RFC 5322 "atext"), by ASCII code. */
    private static final boolean[] ATOM_CHAR = new boolean[128];

    static {
        for (char c : "!#$%&'*+/=?^_`{|}~-".toCharArray()) {
            ATOM_CHAR[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ATOM_CHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ATOM_CHAR[c] = true;
            ATOM_CHAR[Character.toUpperCase(c)] = true;
        }
    }

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
        if (!wellFormed(normalised)) {
            return Optional.of(EmailProblem.INVALID_EMAIL);
        }
        return Optional.empty();
    }

    /**
     * A pragmatic RFC 5322 subset: an unquoted dot-atom local part of at most 64 characters, and DNS
     * host names with an alphabetic (or IDN "xn--") top-level domain. Quoted local parts and IP
     * literals are legal but never appear in a CRM except by mistake, and mail platforms refuse most
     * of them anyway. Written out rather than as a regular expression: every contact of every sync is
     * checked (a test holds it to the expression it replaced).
     */
    static boolean wellFormed(String address) {
        int at = address.indexOf('@');
        if (at < 1 || at > MAX_LOCAL_PART_LENGTH || !dotAtom(address, 0, at)) {
            return false;
        }
        int lastDot = address.lastIndexOf('.');
        if (lastDot <= at + 1) {
            return false; // the host needs a label and a top-level domain
        }
        int dot = at;
        while (dot < lastDot) {
            int from = dot + 1;
            dot = address.indexOf('.', from);
            if (!label(address, from, dot)) {
                return false;
            }
        }
        return topLevel(address, lastDot + 1, address.length());
    }

    private static boolean dotAtom(String text, int from, int to) {
        boolean atomStarted = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (!atomStarted) {
                    return false; // a leading or a doubled dot
                }
                atomStarted = false;
            } else if (c < 128 && ATOM_CHAR[c]) {
                atomStarted = true;
            } else {
                return false;
            }
        }
        return atomStarted;
    }

    /** 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit. */
    private static boolean label(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 63 || !letterOrDigit(text.charAt(from)) || !letterOrDigit(text.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            if (!letterOrDigit(text.charAt(i)) && text.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    /** 2 to 63 letters, or "xn--" and 1 to 59 letters, digits and hyphens. */
    private static boolean topLevel(String text, int from, int to) {
        int length = to - from;
        if (text.startsWith("xn--", from) && length >= 5 && length <= 63) {
            for (int i = from + 4; i < to; i++) {
                if (!letterOrDigit(text.charAt(i)) && text.charAt(i) != '-') {
                    return false;
                }
            }
            return true;
        }
        if (length < 2 || length > 63) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!letter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean letterOrDigit(char c) {
        return letter(c) || c >= '0' && c <= '9';
    }

    public static boolean isSyncable(String typed) {
        return problemWith(typed).isEmpty();
    }
}

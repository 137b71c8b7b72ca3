package com.idss.informzsync.infrastructure.informz;

import java.util.Map;

/** The limits Informz documents (reference sections 4.1 and 6), checked before anything is sent. */
final class SubscriberValidation {

    static final int MAX_EMAIL = 100;
    static final int MAX_INTEREST_NAME = 255;

    /** What an address may not hold anywhere: whitespace and the specials of RFC 5322 that need quoting. */
    private static final String NEVER_IN_EMAIL = " \t\n\u000B\f\r\"<>(),;:\\[]";

    private SubscriberValidation() {
    }

    /** Why this subscriber cannot be sent, or null when it can. */
    static String problem(SubscriberRecord subscriber) {
        if (subscriber == null) {
            return "no subscriber";
        }
        String email = subscriber.email();
        if (email == null || email.isBlank()) {
            return "email is missing";
        }
        if (email.trim().length() > MAX_EMAIL) {
            return "email is longer than " + MAX_EMAIL + " characters";
        }
        if (!plausibleEmail(email.trim())) {
            return "email '" + email + "' is not well-formed";
        }
        String remoteId = subscriber.remoteId();
        if (remoteId != null && !remoteId.isBlank()) {
            try {
                Integer.parseInt(remoteId.trim());
            } catch (NumberFormatException e) {
                return "remote ID '" + remoteId + "' is not an Int (32-bit integer) as Informz requires";
            }
        }
        for (Map.Entry<String, String> field : subscriber.fields().entrySet()) {
            if (field.getKey() == null || field.getKey().isBlank()) {
                return "a field has no name";
            }
            if (!xmlText(field.getKey()) || (field.getValue() != null && !xmlText(field.getValue()))) {
                return "field " + field.getKey() + " holds characters XML cannot carry";
            }
        }
        return null;
    }

    /**
     * One '@' with something before it, a host with a dot that has something on both sides, and
     * nothing that needs quoting: the loose check Informz's own forms make (the domain's stricter rules
     * decide which contacts are sent at all). Written out, not a regular expression: every subscriber
     * of every call passes here.
     */
    static boolean plausibleEmail(String email) {
        int at = email.indexOf('@');
        int lastDot = email.lastIndexOf('.');
        if (at < 1 || email.indexOf('@', at + 1) >= 0 || lastDot < at + 2 || lastDot == email.length() - 1) {
            return false;
        }
        for (int i = 0; i < email.length(); i++) {
            if (NEVER_IN_EMAIL.indexOf(email.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Why this interest name cannot be sent, or null when it can. */
    static String interestProblem(String name) {
        if (name == null || name.isBlank()) {
            return "interest name is blank";
        }
        if (name.trim().length() > MAX_INTEREST_NAME) {
            return "interest name is longer than " + MAX_INTEREST_NAME + " characters: " + name;
        }
        if (!xmlText(name)) {
            return "interest name holds characters XML cannot carry";
        }
        return null;
    }

    /** XML 1.0 allows tab, newline, carriage return and everything from U+0020 except unpaired surrogates and FFFE/FFFF. */
    static boolean xmlText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}

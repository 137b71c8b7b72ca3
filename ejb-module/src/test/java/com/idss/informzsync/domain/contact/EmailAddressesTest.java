package com.idss.informzsync.domain.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void normalisedFormIsTrimmedAndLowerCased() {
        assertEquals("ann.obrien@example.com", EmailAddresses.normalise("  Ann.OBrien@Example.COM\t"));
        assertNull(EmailAddresses.normalise("   "));
        assertNull(EmailAddresses.normalise(null));
    }

    @Test
    void contactKeepsWhatWasTypedAndMatchesOnTheNormalisedForm() {
        Contact contact = new Contact(" Ann@Example.com ");
        assertEquals(" Ann@Example.com ", contact.getEmail());
        assertEquals("ann@example.com", contact.getEmailNormalized());
        contact.changeEmail("  ");
        assertNull(contact.getEmail());
        assertNull(contact.getEmailNormalized());
        assertEquals(Optional.of(EmailProblem.NO_EMAIL), contact.emailProblem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "first.last@example.com", "o'brien+events@sub.example.co.uk", "x_y-z@a-b.io",
            "UPPER@EXAMPLE.ORG", " padded@example.com ", "user@xn--bcher-kva.example", "a!#$%&'*+/=?^_`{|}~-@ex.com"})
    void acceptsEverydayAddresses(String email) {
        assertEquals(Optional.empty(), EmailAddresses.problemWith(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plainaddress", "@example.com", "ann@", "ann@example", "ann@@example.com", "ann @example.com",
            "ann@exa mple.com", ".ann@example.com", "ann.@example.com", "ann..b@example.com", "ann@-example.com",
            "ann@example-.com", "ann@example..com", "ann@example.c", "ann@example.123", "\"quoted\"@example.com",
            "ann@[127.0.0.1]", "ann,bob@example.com", "ann@example.com>", "<ann@example.com>", "jöns@example.com",
            "ann@exämple.com"})
    void rejectsMalformedAddresses(String email) {
        assertEquals(Optional.of(EmailProblem.INVALID_EMAIL), EmailAddresses.problemWith(email));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void noAddressIsItsOwnReason(String email) {
        assertEquals(Optional.of(EmailProblem.NO_EMAIL), EmailAddresses.problemWith(email));
    }

    @Test
    void informzLimitIsOneHundredCharacters() {
        String domain = "@example.com";
        String atLimit = "ann@" + "a".repeat(50) + "." + "b".repeat(41) + ".com";
        assertEquals(100, atLimit.length());
        assertEquals(Optional.empty(), EmailAddresses.problemWith(atLimit));
        assertEquals(Optional.of(EmailProblem.EMAIL_TOO_LONG), EmailAddresses.problemWith("c" + atLimit));
        assertEquals(Optional.of(EmailProblem.INVALID_EMAIL), EmailAddresses.problemWith("a".repeat(65) + domain));
    }
    /** The expression the written-out check replaced, kept here as its specification. */
    private static final Pattern FORMER_SYNTAX = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");

    @Test
    void theWrittenOutCheckAgreesWithTheExpressionOnRandomAddresses() {
        Random random = new Random(20261206);
        String[] atoms = {"a", "Zed", "o'brien", "x+y", "7", "~", "a".repeat(40), "-"};
        String[] labels = {"example", "a-b", "7", "x".repeat(63), "x".repeat(64), "-a", "a-", "sub"};
        String[] topLevels = {"com", "co", "c", "xn--p1ai", "xn--", "c0m", "y".repeat(63), "y".repeat(64)};
        char[] mutations = {'.', '@', '-', ' ', '\u00e9', '"', '[', '_', '!', 'a', '1'};
        int valid = 0;
        for (int round = 0; round < 100_000; round++) {
            StringBuilder address = new StringBuilder(atoms[random.nextInt(atoms.length)]);
            for (int more = random.nextInt(3); more > 0; more--) {
                address.append('.').append(atoms[random.nextInt(atoms.length)]);
            }
            address.append('@');
            for (int count = random.nextInt(3); count >= 0; count--) {
                address.append(labels[random.nextInt(labels.length)]).append('.');
            }
            address.append(topLevels[random.nextInt(topLevels.length)]);
            for (int changes = random.nextInt(3); changes > 0; changes--) {
                int at = random.nextInt(address.length() + 1);
                if (random.nextBoolean() && at < address.length()) {
                    address.deleteCharAt(at);
                } else {
                    address.insert(at, mutations[random.nextInt(mutations.length)]);
                }
            }
            String candidate = address.toString();
            boolean expected = FORMER_SYNTAX.matcher(candidate).matches() && candidate.indexOf('@') <= 64;
            assertEquals(expected, EmailAddresses.wellFormed(candidate), candidate);
            valid += expected ? 1 : 0;
        }
        assertTrue(valid > 10_000 && valid < 90_000, "well-formed and malformed addresses both: " + valid);
    }
}

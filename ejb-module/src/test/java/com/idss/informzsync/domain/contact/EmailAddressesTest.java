package com.idss.informzsync.domain.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
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
}

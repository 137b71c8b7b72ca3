package com.idss.informzsync.infrastructure.informz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SubscriberValidationTest {

    /** The expression the written-out check replaced, kept here as its specification. */
    private static final Pattern FORMER_EMAIL =
            Pattern.compile("^[^@\\s\"<>(),;:\\\\\\[\\]]+@[^@\\s\"<>(),;:\\\\\\[\\]]+\\.[^@\\s\"<>(),;:\\\\\\[\\].]+$");

    @Test
    void theWrittenOutCheckAgreesWithTheExpressionOnRandomAddresses() {
        Random random = new Random(20261206);
        char[] alphabet = {'a', 'b', '.', '.', '@', '@', ' ', '\t', '"', '<', ',', ';', ':', '\\', '[', ']', '(', 'é', '-'};
        int plausible = 0;
        for (int round = 0; round < 100_000; round++) {
            // Mostly shaped like an address (some chars, '@', some, '.', some), so both answers come up.
            String candidate = random.nextInt(4) == 0 ? chars(random, alphabet, 12)
                    : chars(random, alphabet, 4) + "@" + chars(random, alphabet, 4) + "." + chars(random, alphabet, 3);
            boolean expected = FORMER_EMAIL.matcher(candidate).matches();
            assertEquals(expected, SubscriberValidation.plausibleEmail(candidate), candidate);
            plausible += expected ? 1 : 0;
        }
        assertTrue(plausible > 5_000 && plausible < 95_000, "plausible and implausible addresses both: " + plausible);
    }

    private static String chars(Random random, char[] alphabet, int most) {
        StringBuilder chars = new StringBuilder();
        for (int length = random.nextInt(most + 1); length > 0; length--) {
            chars.append(random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : 'a');
        }
        return chars.toString();
    }

    @Test
    void anEverydaySubscriberPasses() {
        assertNull(SubscriberValidation.problem(SubscriberRecord.of("o'brien+events@sub.example.co.uk", "12")));
        assertEquals("email 'ann@example' is not well-formed",
                SubscriberValidation.problem(SubscriberRecord.of("ann@example", "12")));
    }
}

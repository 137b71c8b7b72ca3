package com.idss.informzsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class OverlapWatchTest {

    private final OverlapWatch watch = new OverlapWatch();

    @Test
    void subscribersAreTheEmailsOpeningSubscriberElementsNotStatusRecipients() {
        String document = "<ActionRequest><Subscribe><SubscriberData><Subscribers>"
                + "<Subscriber><Email>Ann@Example.org</Email><FirstName>Ann</FirstName></Subscriber>"
                + "<Subscriber>\n  <Email>bob@example.org</Email></Subscriber>"
                + "</Subscribers></SubscriberData></Subscribe>"
                + "<StatusEmailRecipients><Email>ops@example.org</Email></StatusEmailRecipients></ActionRequest>";
        assertEquals(Set.of("ann@example.org", "bob@example.org"), OverlapWatch.subscribersNamedIn(document));
    }

    @Test
    void theScannerFindsWhatTheExpressionFinds() {
        List<String> documents = List.of(
                "<a:Subscriber xmlns:a=\"urn:x\">\t<a:Email kind=\"x\"> Ann@Example.org </a:Email></a:Subscriber>",
                "<Subscribers><Subscriber><Email>a@x.org</Email></Subscriber></Subscribers>",
                "<Subscriber><Email>a@x.org<Subscriber><Email>b@x.org</Email>",
                "<Subscriber><Email></Subscriber>",
                "<Subscriber.Subscriber:Subscriber><Email>c@x.org</Email>",
                "<a:b:Subscriber><Email>d@x.org</Email>",
                "<Subscriber ><xEmail>e@x.org</xEmail><Subscriber/><Email>f@x.org</Email>",
                "<Subscriber><Email>unterminated",
                "<:Subscriber><Email>g@x.org</Email>",
                "<Subscriber><Email:Email>i@x.org</Email:Email>",
                "<Subscriber\n id=\"1\"\n>\r\n <p-1.x:Email>h@x.org</p-1.x:Email>");
        documents.forEach(document -> assertEquals(byExpression(document), OverlapWatch.subscribersNamedIn(document), document));
        // Random documents from the pieces these are made of, for the cases no one thought of.
        String[] pieces = {"<", ">", "/", ":", "a", "Subscriber", "Email", " ", "\n", "x@y.org", "<Subscriber>", "<Email>",
                "</Email>", "s:", "Email:", "Subscriber:", "=\"v\"", "."};
        Random random = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder document = new StringBuilder();
            for (int piece = random.nextInt(14); piece > 0; piece--) {
                document.append(pieces[random.nextInt(pieces.length)]);
            }
            assertEquals(byExpression(document.toString()), OverlapWatch.subscribersNamedIn(document.toString()), document.toString());
        }
    }

    private static Set<String> byExpression(String document) {
        Set<String> emails = new TreeSet<>();
        Matcher match = OverlapWatch.SUBSCRIBER_EMAIL.matcher(document);
        while (match.find()) {
            emails.add(match.group(1).trim().toLowerCase(Locale.ROOT));
        }
        return emails;
    }

    @Test
    void aCallAboutASubscriberWhileAnotherIsInProgressIsAnOverlap() {
        watch.started(Set.of("ann@example.org", "bob@example.org"), "ActionRequest");
        watch.started(Set.of("carl@example.org"), "ActionRequest");
        watch.started(Set.of("bob@example.org"), "ActionRequest");
        Map<String, Object> report = watch.report();
        assertEquals(1L, report.get("count"));
        assertEquals("bob@example.org", ((List<?>) report.get("samples")).stream()
                .map(sample -> ((Map<?, ?>) sample).get("email")).findFirst().orElseThrow());
    }

    @Test
    void callsOneAfterTheOtherDoNotOverlap() {
        for (int i = 0; i < 3; i++) {
            watch.started(Set.of("ann@example.org"), "ActionRequest");
            watch.ended(Set.of("ann@example.org"));
        }
        assertEquals(0L, watch.report().get("count"));
    }

    @Test
    void theSecondOfTwoOverlappingCallsEndingLeavesTheFirstInProgress() {
        watch.started(Set.of("ann@example.org"), "ActionRequest");
        watch.started(Set.of("ann@example.org"), "ActionRequest");
        watch.ended(Set.of("ann@example.org"));
        watch.started(Set.of("ann@example.org"), "ActionRequest");
        assertEquals(2L, watch.report().get("count"));
    }
}

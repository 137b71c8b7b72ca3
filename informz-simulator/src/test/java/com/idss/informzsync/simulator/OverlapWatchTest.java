package com.idss.informzsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
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

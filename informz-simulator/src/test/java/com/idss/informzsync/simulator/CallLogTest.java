package com.idss.informzsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallLogTest {

    @Test
    void redactsThePasswordOfARequest() {
        assertEquals("<Brand id=\"4711\">B</Brand><User>u</User><Password>***</Password><Actions/>",
                CallLog.redact("<Brand id=\"4711\">B</Brand><User>u</User><Password>s&amp;cret</Password><Actions/>"));
    }

    @Test
    void redactsPrefixedPasswordsWithAttributesAndEveryOccurrence() {
        assertEquals("<a:Password xmlns:a=\"urn:x\">***</a:Password ><Password>***</Password>",
                CallLog.redact("<a:Password xmlns:a=\"urn:x\">one</a:Password ><Password>two</Password>"));
    }

    @Test
    void redactsPasswordsEscapedInsideAnEnvelope() {
        assertEquals("<x>&lt;Password&gt;***&lt;/Password&gt;&lt;s.p:Password&gt;***&lt;/s.p:Password&gt;</x>",
                CallLog.redact("<x>&lt;Password&gt;one&lt;/Password&gt;&lt;s.p:Password&gt;two&lt;/s.p:Password&gt;</x>"));
    }

    @Test
    void leavesTheWordInTextAndLongerElementNamesAlone() {
        String document = "<Note>Password> is a word</Note><OldPassword>kept</OldPassword><Passwords>kept</Passwords>"
                + "<Password>gone</Password>";
        assertEquals("<Note>Password> is a word</Note><OldPassword>kept</OldPassword><Passwords>kept</Passwords>"
                + "<Password>***</Password>", CallLog.redact(document));
    }

    @Test
    void aDocumentWithoutPasswordIsReturnedAsItIs() {
        String document = "<GridRequest><Grids/></GridRequest>";
        assertEquals(document, CallLog.redact(document));
    }

    @Test
    void aCallIsReadOnlyRedactedHoweverOftenAndWhateverCameAfterIt() {
        CallLog log = new CallLog(2);
        log.add(new CallLog.Call(Instant.EPOCH, "Subscribe", "<User>u</User><Password>first</Password>", "ok", 1));
        assertEquals("<User>u</User><Password>***</Password>", log.snapshot().get(0).requestDocument());
        log.add(new CallLog.Call(Instant.EPOCH, "GridRequest", "<Password>second</Password>", "ok", 1));
        log.add(new CallLog.Call(Instant.EPOCH, "GridRequest", "<Password>third</Password>", "ok", 1));
        List<CallLog.Call> calls = log.snapshot();
        assertEquals(List.of("<Password>***</Password>", "<Password>***</Password>"),
                calls.stream().map(CallLog.Call::requestDocument).toList());
        assertEquals(calls, log.snapshot());
        assertEquals(3, log.recorded());
    }
}

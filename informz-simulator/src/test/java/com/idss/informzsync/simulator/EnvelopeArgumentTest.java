package com.idss.informzsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reading of the argument agrees with the parser's, or leaves the envelope to it. */
class EnvelopeArgumentTest {

    private static final String OPEN = "<s:Envelope xmlns:s=\"" + Xml.SOAP_NS + "\"><s:Body><PostInformzMessage xmlns=\""
            + Xml.AAPI_NS + "\">";
    private static final String CLOSE = "</PostInformzMessage></s:Body></s:Envelope>";

    @ParameterizedTest
    @ValueSource(strings = {
        "<x>&lt;ActionRequest&gt;&lt;Email&gt;o&amp;apos;brien@example.org&lt;/Email&gt;&lt;/ActionRequest&gt;</x>",
        "<x>Zo\u00eb &#233; &#xE9; \ud83d\ude00 &quot;q&quot; &apos;a&apos; tab\there\nline</x>",
        "<x></x>",
    })
    void readsTheUsualArgumentAsTheParserDoes(String argument) {
        for (String declaration : new String[] {"", "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<?xml version='1.0'?>"}) {
            byte[] body = (declaration + OPEN + argument + CLOSE).getBytes(StandardCharsets.UTF_8);
            Optional<String> fast = EnvelopeArgument.read(body, SoapEndpoint::parsedArgument);
            assertTrue(fast.isPresent(), "the usual envelope takes the fast way: " + argument);
            assertEquals(SoapEndpoint.parsedArgument(body), fast.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        OPEN + "<x><![CDATA[<ActionRequest/>]]></x>" + CLOSE,
        OPEN + "<x>a<!-- note -->b</x>" + CLOSE,
        OPEN + "<x>line\r\nbreak</x>" + CLOSE,
        OPEN + "<x>a]]>b</x>" + CLOSE,
        OPEN + "<x>&#1;</x>" + CLOSE,
        OPEN + "<x>&nbsp;</x>" + CLOSE,
        OPEN + "<x>a & b</x>" + CLOSE,
        OPEN + "<x>\u0001</x>" + CLOSE,
        OPEN + "<x>text</x></PostInformzMessage></s:Body>",
        "<s:Envelope xmlns:s=\"" + Xml.SOAP_NS + "\"><s:Header><x>not the argument</x></s:Header><s:Body>"
                + "<PostInformzMessage xmlns=\"" + Xml.AAPI_NS + "\"><x a=\"1\"></x>" + CLOSE,
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + OPEN + "<x>Zo\u00eb</x>" + CLOSE,
        "<s:Envelope xmlns:s=\"" + Xml.SOAP_NS + "\"><s:Body><Other><x>text</x></Other></s:Body></s:Envelope>",
    })
    void leavesAnythingUnusualToTheParser(String envelope) {
        byte[] body = envelope.getBytes(envelope.contains("ISO-8859-1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        Optional<String> fast = EnvelopeArgument.read(body, SoapEndpoint::parsedArgument);
        if (fast.isPresent()) {
            assertEquals(SoapEndpoint.parsedArgument(body), fast.get());
        }
        assertTrue(fast.isEmpty(), "left to the parser: " + envelope);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<x>&#1;</x>", "<x>a & b</x>", "<x>a]]>b</x>"})
    void whatTheParserRefusesStillGetsItsFault(String argument) {
        byte[] body = (OPEN + argument + CLOSE).getBytes(StandardCharsets.UTF_8);
        assertTrue(EnvelopeArgument.read(body, SoapEndpoint::parsedArgument).isEmpty());
        assertThrows(AapiFault.class, () -> SoapEndpoint.parsedArgument(body));
    }
}

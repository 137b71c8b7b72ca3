package com.idss.informzsync.infrastructure.informz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTextTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + AapiXml.SOAP_NS
            + "\"><s:Body><PostInformzMessageResponse xmlns=\"" + AapiXml.AAPI_NS + "\">";
    private static final String TAIL = "</PostInformzMessageResponse></s:Body></s:Envelope>";

    private static byte[] answer(String resultElement) {
        return (HEAD + resultElement + TAIL).getBytes(StandardCharsets.UTF_8);
    }

    /** What the XML parser reads from the same bytes: the reference. */
    private static String parsed(byte[] body) {
        return AapiXml.streamedText(body, "PostInformzMessageResult", "Fault").orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "&lt;GridResponse xmlns=\"x\"&gt;&lt;Field element=\"First_Name\"&gt;O'Brien &amp;amp; &amp;lt;Sons&amp;gt;&lt;/Field&gt;",
        "quotes &quot;double&quot; &apos;single&apos;, numbers &#60;&#x3E;&#x1F600;&#233;",
        "raw non-ASCII Zoë 東京 😀 and a > on its own",
        "line ends: CRLF\r\nCR\rLF\n, and an escaped CR&#13; that stays",
        "",
    })
    void readsTheResultAsTheParserDoes(String escapedResult) {
        byte[] body = answer("<PostInformzMessageResult>" + escapedResult + "</PostInformzMessageResult>");
        assertEquals(Optional.of(parsed(body)), EnvelopeText.resultOf(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<PostInformzMessageResult><![CDATA[<GridResponse/>]]></PostInformzMessageResult>",
        "<r:PostInformzMessageResult xmlns:r=\"" + AapiXml.AAPI_NS + "\">&lt;x/&gt;</r:PostInformzMessageResult>",
        "<PostInformzMessageResult>an entity only a DTD defines: &nbsp;</PostInformzMessageResult>",
        "<PostInformzMessageResult>a bare & ampersand</PostInformzMessageResult>",
        "<s:Fault><faultcode>s:Client</faultcode></s:Fault>",
    })
    void leavesEverythingUnusualToTheParser(String resultElement) {
        assertTrue(EnvelopeText.resultOf(answer(resultElement)).isEmpty());
    }

    @Test
    void anEnvelopeOnceFoundWellFormedIsRememberedButNoOtherOne() {
        byte[] body = answer("<PostInformzMessageResult>x</PostInformzMessageResult>");
        assertEquals(Optional.of("x"), EnvelopeText.resultOf(body));
        assertEquals(Optional.of("y"), EnvelopeText.resultOf(answer("<PostInformzMessageResult>y</PostInformzMessageResult>")));
        byte[] unclosed = (HEAD + "<PostInformzMessageResult>x</PostInformzMessageResult></PostInformzMessageResponse></s:Body>")
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(EnvelopeText.resultOf(unclosed).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><s:Envelope xmlns:s=\"" + AapiXml.SOAP_NS + "\"><s:Body>"
                + "<PostInformzMessageResult>x</PostInformzMessageResult></s:Body></s:Envelope>",
        "<s:Envelope xmlns:s=\"" + AapiXml.SOAP_NS + "\"><s:Body><PostInformzMessageResult>x</PostInformzMessageResult>"
                + "</s:Body></s:Envelo",
    })
    void refusesAnotherEncodingAndAnEnvelopeBrokenAroundTheResult(String envelope) {
        assertTrue(EnvelopeText.resultOf(envelope.getBytes(StandardCharsets.ISO_8859_1)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<ActionRequest xmlns=\"http://partner.informz.net/aapi/2009/08/\"><Password>p&amp;ss</Password></ActionRequest>",
        "O'Brien & <Sons> \"Ltd\" ]] > — Zoë 😀",
        "",
    })
    void wrapsTheDocumentSoTheParserReadsItBack(String document) {
        byte[] envelope = EnvelopeText.wrap(document);
        assertEquals(Optional.of(document), AapiXml.streamedText(envelope, "x", "Fault"));
    }

    @Test
    void sizesTheEnvelopeForADocumentOfNothingButReferencesAndEncodesEveryCharAsStringDoes() {
        String references = "&<>".repeat(5_000);
        assertEquals(Optional.of(references), AapiXml.streamedText(EnvelopeText.wrap(references), "x", "Fault"));
        String mixed = "a\u00e9\u20ac\ud83d\ude00\ud800z";
        String text = new String(EnvelopeText.wrap(mixed), StandardCharsets.UTF_8);
        assertTrue(text.contains("<x>" + new String(mixed.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8) + "</x>"),
                "a lone surrogate becomes '?', as String.getBytes(UTF_8) makes it: " + text);
    }
}

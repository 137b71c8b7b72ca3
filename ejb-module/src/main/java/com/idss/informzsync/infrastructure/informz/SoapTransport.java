package com.idss.informzsync.infrastructure.informz;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** SOAP 1.1 {@code PostInformzMessage}: the document travels escaped in {@code <x>}, the answer in the result. */
final class SoapTransport {

    static final String SOAP_ACTION =
            "\"http://partner.informz.net/aapi/2009/08/IInformzWebServiceContract/PostInformzMessage\"";

    /** Why the exchange failed, before the client attaches the operation and redacted request. */
    static final class Failure extends Exception {
        final FailureKind kind;
        final String faultCode;
        final String responseBody;

        Failure(FailureKind kind, String faultCode, String reason, String responseBody, Throwable cause) {
            super(reason, cause);
            this.kind = kind;
            this.faultCode = faultCode;
            this.responseBody = responseBody;
        }
    }

    private final InformzSettings settings;
    private final HttpClient http;

    SoapTransport(InformzSettings settings) {
        this.settings = settings;
        // HTTP/1.1 on purpose: an h2c upgrade attempt confuses some SOAP stacks and proxies.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
    }

    /** Sends the document (it contains the password: never log it) and returns the result document text. */
    String post(String document) throws Failure {
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.readTimeout())
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", SOAP_ACTION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeText.wrap(document)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new Failure(FailureKind.TRANSIENT, null, "connect timeout after " + settings.connectTimeout(), null, e);
        } catch (HttpTimeoutException e) {
            throw new Failure(FailureKind.TRANSIENT, null, "no answer within " + settings.readTimeout(), null, e);
        } catch (IOException e) {
            throw new Failure(FailureKind.TRANSIENT, null, "I/O error: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(FailureKind.TRANSIENT, null, "interrupted", null, e);
        }
        return result(response.statusCode(), response.body());
    }

    private static String result(int status, byte[] body) throws Failure {
        if (status == 200) {
            // The usual answer, read without building a DOM of the envelope: a 100,000-row read-back is
            // 100 envelopes of a megabyte each. Anything unusual goes the DOM way below.
            Optional<String> result = EnvelopeText.resultOf(body)
                    .or(() -> AapiXml.streamedText(body, "PostInformzMessageResult", "Fault"));
            if (result.isPresent()) {
                return result.get();
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Document envelope = null;
        if (status == 200 || status == 500) {
            try {
                envelope = AapiXml.parse(body);
            } catch (SAXException e) {
                throw new Failure(FailureKind.TRANSIENT, null,
                        status == 200 ? "malformed SOAP response" : "HTTP 500 without a SOAP fault", text, e);
            }
        }
        if (envelope == null) {
            throw new Failure(FaultClassification.ofHttpStatus(status), null, "HTTP " + status, text, null);
        }
        Element root = envelope.getDocumentElement();
        Element soapBody = AapiXml.child(root, "Body");
        if (soapBody == null) {
            throw new Failure(FailureKind.TRANSIENT, null, "SOAP response without a Body (HTTP " + status + ")", text, null);
        }
        Element fault = AapiXml.child(soapBody, "Fault");
        if (fault != null) {
            throw fault(fault, text);
        }
        if (status != 200) {
            throw new Failure(FaultClassification.ofHttpStatus(status), null, "HTTP " + status, text, null);
        }
        Element result = AapiXml.descendant(soapBody, "PostInformzMessageResult");
        if (result == null) {
            throw new Failure(FailureKind.TRANSIENT, null, "SOAP response without PostInformzMessageResult", text, null);
        }
        return result.getTextContent();
    }

    /** Detail element names differ between sources (InformzAAPIFault vs InformzServiceFault): accept both. */
    private static Failure fault(Element fault, String text) {
        Element detail = AapiXml.child(fault, "detail");
        String code = null;
        String reason = null;
        if (detail != null) {
            for (Element candidate : AapiXml.children(detail)) {
                Element codeElement = AapiXml.child(candidate, "Code");
                if (codeElement != null) {
                    code = codeElement.getTextContent().trim();
                    Element reasonElement = AapiXml.child(candidate, "Reason");
                    if (reasonElement == null) {
                        reasonElement = AapiXml.child(candidate, "Message");
                    }
                    reason = reasonElement == null ? null : reasonElement.getTextContent().trim();
                    break;
                }
            }
        }
        if (reason == null) {
            Element faultString = AapiXml.child(fault, "faultstring");
            reason = faultString == null ? "SOAP fault" : faultString.getTextContent().trim();
        }
        return new Failure(FaultClassification.ofFaultCode(code), code, reason, text, null);
    }
}

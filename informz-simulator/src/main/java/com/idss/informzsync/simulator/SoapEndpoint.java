package com.idss.informzsync.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.Writer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** The SOAP 1.1 side: unwraps {@code PostInformzMessage/x}, applies injected faults, wraps the answer or fault. */
final class SoapEndpoint implements HttpHandler {

    static final String PATH = "/aapi/InformzService.svc";
    private static final Logger LOG = Logger.getLogger(SoapEndpoint.class.getName());
    private static final Pattern FIRST_ELEMENT = Pattern.compile("<(?:[\\w.-]+:)?([\\w.-]+)");

    private final AapiProcessor processor;
    private final FaultInjector faults;
    private final CallLog callLog;
    private final OverlapWatch overlaps;
    private final CountDownLatch closing;

    SoapEndpoint(AapiProcessor processor, FaultInjector faults, CallLog callLog, OverlapWatch overlaps,
            CountDownLatch closing) {
        this.processor = processor;
        this.faults = faults;
        this.callLog = callLog;
        this.overlaps = overlaps;
        this.closing = closing;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain; charset=utf-8", "POST a SOAP 1.1 PostInformzMessage envelope");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String document = null;
            String operation = "?";
            String outcome;
            Reply reply;
            Set<String> subscribers = Set.of();
            try {
                document = argument(body);
                subscribers = OverlapWatch.subscribersNamedIn(document);
                overlaps.started(subscribers, firstElementOf(document));
                Optional<FaultInjector.Injection> injection = faults.next(document);
                if (injection.isPresent() && injection.get().type() == FaultType.LOST_REPLY) {
                    AapiProcessor.Outcome applied = processor.process(document);
                    operation = applied.summary();
                    // Closing the exchange before any response header was sent drops the connection.
                    outcome = "injected lost reply (request applied, connection dropped)";
                    reply = () -> { };
                } else if (injection.isPresent() && injection.get().type() != FaultType.SLOW) {
                    FaultInjector.Injection fault = injection.get();
                    outcome = injectedOutcome(fault);
                    reply = () -> inject(exchange, fault);
                } else {
                    injection.ifPresent(slow -> pause(slow.delay()));
                    AapiProcessor.Outcome result = processor.process(document);
                    operation = result.summary();
                    outcome = injection.isPresent() ? "ok (slow)" : "ok";
                    reply = () -> sendResult(exchange, result.responseDocument());
                }
            } catch (AapiFault fault) {
                outcome = "fault " + fault.code() + ": " + fault.reason();
                reply = () -> sendFault(exchange, fault);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "simulator failed on a request", e);
                AapiFault internal = new AapiFault("SystemException", "Internal error: " + e, true);
                outcome = "fault SystemException: " + e;
                reply = () -> sendFault(exchange, internal);
            }
            // Logged before the reply: whoever holds the answer finds the call in the admin API.
            callLog.add(new CallLog.Call(Instant.now(), operation,
                    document != null ? document : new String(body, StandardCharsets.UTF_8),
                    outcome, (System.nanoTime() - started) / 1_000));
            try {
                reply.send();
            } finally {
                overlaps.ended(subscribers);
            }
        }
    }

    /** The name of the request's first element, e.g. ActionRequest, for the overlap report. */
    private static String firstElementOf(String document) {
        Matcher element = FIRST_ELEMENT.matcher(document);
        return element.find() ? element.group(1) : "?";
    }

    /** Sends the answer to a call, once the call is in the log. */
    private interface Reply {
        void send() throws IOException;
    }

    private static String injectedOutcome(FaultInjector.Injection injection) {
        return switch (injection.type()) {
            case HTTP_503 -> "injected HTTP 503";
            case TIMEOUT -> "injected timeout (connection held " + injection.delay() + ")";
            case MALFORMED -> "injected malformed response";
            case SOAP_FAULT -> "injected fault " + injection.code();
            default -> throw new IllegalStateException(injection.type().toString());
        };
    }

    private void inject(HttpExchange exchange, FaultInjector.Injection injection) throws IOException {
        switch (injection.type()) {
            case HTTP_503 -> send(exchange, 503, "text/html; charset=utf-8",
                    "<html><body><h1>503 Service Unavailable</h1></body></html>");
            case TIMEOUT -> pause(injection.delay());
            case MALFORMED -> send(exchange, 200, "text/xml; charset=utf-8",
                    "<s:Envelope xmlns:s=\"" + Xml.SOAP_NS + "\"><s:Body><PostInformzMessageResponse");
            case SOAP_FAULT -> sendFault(exchange, new AapiFault(injection.code(), "Injected fault " + injection.code()));
            default -> throw new IllegalStateException(injection.type().toString());
        }
    }

    /** Waits without holding anything but this thread; closing the simulator cuts every wait short. */
    private void pause(Duration duration) {
        try {
            closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The text of {@code PostInformzMessage/x}, read with a streaming parser: a DOM of the envelope
     * would hold the whole (escaped) document once more, for one text node.
     */
    private static String argument(byte[] body) {
        return EnvelopeArgument.read(body, SoapEndpoint::parsedArgument).orElseGet(() -> parsedArgument(body));
    }

    /** The argument as the XML parser reads it; an {@link AapiFault} for anything that is not a request. */
    static String parsedArgument(byte[] body) {
        try {
            XMLStreamReader reader = Xml.reader(body);
            try {
                requireElement(reader, Xml.SOAP_NS, "Envelope", "Expected a SOAP 1.1 Envelope");
                String x = null;
                while (x == null && nextElementOrEnd(reader)) {
                    if (reader.getEventType() != XMLStreamConstants.START_ELEMENT
                            || !"Body".equals(reader.getLocalName()) || !Xml.SOAP_NS.equals(reader.getNamespaceURI())) {
                        continue;
                    }
                    if (!nextElementOrEnd(reader) || reader.getEventType() != XMLStreamConstants.START_ELEMENT
                            || !"PostInformzMessage".equals(reader.getLocalName()) || !Xml.AAPI_NS.equals(reader.getNamespaceURI())) {
                        throw new AapiFault("InvalidMessageException", "Expected PostInformzMessage in " + Xml.AAPI_NS);
                    }
                    if (!nextElementOrEnd(reader) || reader.getEventType() != XMLStreamConstants.START_ELEMENT
                            || !"x".equals(reader.getLocalName())) {
                        throw new AapiFault("InvalidMessageException", "PostInformzMessage needs the argument <x>");
                    }
                    x = reader.getElementText();
                }
                if (x == null) {
                    throw new AapiFault("InvalidMessageException", "Expected PostInformzMessage in " + Xml.AAPI_NS);
                }
                while (reader.hasNext()) {
                    reader.next(); // the rest must be well-formed too
                }
                return x;
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new AapiFault("InvalidMessageException", "The SOAP message is not well-formed XML");
        }
    }

    private static void requireElement(XMLStreamReader reader, String namespace, String localName, String otherwise)
            throws XMLStreamException {
        if (!nextElementOrEnd(reader) || reader.getEventType() != XMLStreamConstants.START_ELEMENT
                || !localName.equals(reader.getLocalName()) || !namespace.equals(reader.getNamespaceURI())) {
            throw new AapiFault("InvalidMessageException", otherwise);
        }
    }

    /** Moves to the next start or end tag; false at the end of the document. A DTD is refused. */
    private static boolean nextElementOrEnd(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw new AapiFault("InvalidMessageException", "The SOAP message is not well-formed XML");
            }
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    private static void sendResult(HttpExchange exchange, String resultDocument) throws IOException {
        TextBuffer out = new TextBuffer(resultDocument.length() * 5 / 4 + 512);
        try {
            XMLStreamWriter writer = Xml.writer(out);
            writer.writeStartDocument("utf-8", "1.0");
            writer.writeStartElement("s", "Envelope", Xml.SOAP_NS);
            writer.writeNamespace("s", Xml.SOAP_NS);
            writer.writeStartElement("s", "Body", Xml.SOAP_NS);
            writer.writeStartElement("PostInformzMessageResponse");
            writer.writeDefaultNamespace(Xml.AAPI_NS);
            writer.writeStartElement("PostInformzMessageResult");
            writer.writeCharacters(""); // closes the start tag
            writer.flush();
            // The result document, escaped as text in one pass: the JDK's writer escapes a character at a
            // time, which made it most of the simulator's time for a 1,000-row grid answer.
            appendEscapedText(out, resultDocument);
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        send(exchange, 200, "text/xml; charset=utf-8", out.toString());
    }

    static void appendEscapedText(Writer out, String text) throws IOException {
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            String escape = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (escape != null) {
                out.write(text, copied, i - copied);
                out.write(escape);
                copied = i + 1;
            }
        }
        out.write(text, copied, text.length() - copied);
    }

    static void sendFault(HttpExchange exchange, AapiFault fault) throws IOException {
        TextBuffer out = new TextBuffer(512);
        try {
            XMLStreamWriter writer = Xml.writer(out);
            writer.writeStartDocument("utf-8", "1.0");
            writer.writeStartElement("s", "Envelope", Xml.SOAP_NS);
            writer.writeNamespace("s", Xml.SOAP_NS);
            writer.writeStartElement("s", "Body", Xml.SOAP_NS);
            writer.writeStartElement("s", "Fault", Xml.SOAP_NS);
            writer.writeStartElement("faultcode");
            writer.writeCharacters(fault.serverSide() ? "s:Server" : "s:Client");
            writer.writeEndElement();
            writer.writeStartElement("faultstring");
            writer.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en-US");
            writer.writeCharacters(fault.reason());
            writer.writeEndElement();
            writer.writeStartElement("detail");
            writer.writeStartElement("InformzAAPIFault");
            writer.writeDefaultNamespace(Xml.AAPI_NS);
            writer.writeStartElement("Code");
            writer.writeCharacters(fault.code());
            writer.writeEndElement();
            writer.writeStartElement("Reason");
            writer.writeCharacters(fault.reason());
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        send(exchange, 500, "text/xml; charset=utf-8", out.toString());
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

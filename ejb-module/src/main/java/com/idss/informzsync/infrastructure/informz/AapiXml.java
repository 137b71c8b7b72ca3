package com.idss.informzsync.infrastructure.informz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Parsing of AAPI answers (DOM and streaming), the escaping of request text, and the section 2.5 payload compression. */
final class AapiXml {

    static final String AAPI_NS = "http://partner.informz.net/aapi/2009/08/";
    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

    private static final XMLInputFactory INPUT = newInputFactory();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(AapiXml::newBuilder);

    private AapiXml() {
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // Answers come from the network: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DocumentBuilder builder() {
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        builder.setErrorHandler(null);
        return builder;
    }

    /** The result document declares utf-16 but arrives as a string: it must be parsed from a Reader. */
    static Document parse(String text) throws SAXException {
        try {
            return builder().parse(new InputSource(new StringReader(text)));
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    static Document parse(byte[] bytes) throws SAXException {
        try {
            return builder().parse(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /**
     * The text of the first element with this local name, read with a streaming parser, or empty
     * when the document has no such element, has a DTD, has one of the {@code stopAt} elements
     * before it, or is not well-formed to its very end (the caller then takes the DOM path, which
     * explains what is wrong).
     */
    static Optional<String> streamedText(byte[] document, String localName, String stopAt) {
        try {
            XMLStreamReader reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(document));
            try {
                String text = null;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        return Optional.empty();
                    }
                    if (event == XMLStreamConstants.START_ELEMENT && text == null) {
                        if (stopAt.equalsIgnoreCase(reader.getLocalName())) {
                            return Optional.empty();
                        }
                        if (localName.equalsIgnoreCase(reader.getLocalName())) {
                            text = reader.getElementText();
                        }
                    }
                }
                return Optional.ofNullable(text);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
    }

    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                result.add((Element) n);
            }
        }
        return result;
    }

    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && localName.equalsIgnoreCase(n.getLocalName())) {
                return (Element) n;
            }
        }
        return null;
    }

    /** First descendant with this local name, any depth: Subscribe response nesting is undocumented. */
    static Element descendant(Element parent, String localName) {
        for (Element child : children(parent)) {
            if (localName.equalsIgnoreCase(child.getLocalName())) {
                return child;
            }
            Element deeper = descendant(child, localName);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    /** A streaming reader of a document that arrived as a string (its declared encoding no longer applies). */
    static XMLStreamReader reader(Reader document) throws XMLStreamException {
        return INPUT.createXMLStreamReader(document);
    }

    /** Text content escaped as the StAX writer escapes it. */
    static String escapeText(String text) {
        return appendEscapedText(new StringBuilder(text.length() + 16), text).toString();
    }

    static StringBuilder appendEscapedText(StringBuilder escaped, String text) {
        return appendEscaped(escaped, text, false);
    }

    static StringBuilder appendEscapedAttribute(StringBuilder escaped, String value) {
        return appendEscaped(escaped, value, true);
    }

    private static StringBuilder appendEscaped(StringBuilder escaped, String text, boolean inQuotes) {
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            String reference = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> inQuotes ? "&quot;" : null;
                default -> null;
            };
            if (reference != null) {
                escaped.append(text, copied, i).append(reference);
                copied = i + 1;
            }
        }
        return escaped.append(text, copied, text.length());
    }

    static String encode(String payload) {
        byte[] plain = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(plain.length).array());
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static String decode(String text) throws IOException {
        byte[] bytes = Base64.getMimeDecoder().decode(text.trim());
        if (bytes.length < 5) {
            throw new IOException("compressed payload too short");
        }
        int declared = ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] plain;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes, 4, bytes.length - 4))) {
            plain = gzip.readAllBytes();
        }
        if (plain.length != declared) {
            throw new IOException("length prefix " + declared + " does not match " + plain.length + " bytes");
        }
        return new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * A compressed container holds a fragment (possibly several elements, with or without xmlns). Parsing it
     * inside a wrapper element in the AAPI namespace gives both forms the same namespace.
     */
    static List<Element> decompressChildren(Element container) throws IOException, SAXException {
        String fragment = decode(container.getTextContent());
        Document parsed = parse("<Payload xmlns=\"" + AAPI_NS + "\">" + fragment + "</Payload>");
        return children(parsed.getDocumentElement());
    }
}

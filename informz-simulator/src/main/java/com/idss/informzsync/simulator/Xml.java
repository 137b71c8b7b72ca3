package com.idss.informzsync.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Namespace-aware DOM parsing and a StAX serializer, so no document is ever glued together from strings. */
final class Xml {

    static final String AAPI_NS = "http://partner.informz.net/aapi/2009/08/";
    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    static final String XSD_NS = "http://www.w3.org/2001/XMLSchema";

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLInputFactory INPUT = newInputFactory();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(Xml::newBuilder);

    private Xml() {
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // Requests come from the network: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            // Every node of a request is visited: building them at once beats the deferred DOM's lookups.
            factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Document parse(String text) throws SAXException {
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(text)));
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Requests come from the network: no DTDs, no external entities.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    static XMLStreamReader reader(byte[] bytes) throws XMLStreamException {
        return INPUT.createXMLStreamReader(new ByteArrayInputStream(bytes));
    }

    static Document newDocument() {
        return BUILDER.get().newDocument();
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

    /** First child with this exact local name, or null. */
    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && localName.equals(n.getLocalName())) {
                return (Element) n;
            }
        }
        return null;
    }

    /** First child whose local name matches ignoring case: grid element names are case-insensitive. */
    static Element childIgnoreCase(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && localName.equalsIgnoreCase(n.getLocalName())) {
                return (Element) n;
            }
        }
        return null;
    }

    static List<Element> childrenIgnoreCase(Element parent, String localName) {
        List<Element> result = new ArrayList<>();
        for (Element e : children(parent)) {
            if (localName.equalsIgnoreCase(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    static String text(Element element) {
        return element == null ? null : element.getTextContent();
    }

    static boolean hasElementChildren(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    static Element add(Element parent, String localName) {
        Element child = parent.getOwnerDocument().createElementNS(AAPI_NS, localName);
        parent.appendChild(child);
        return child;
    }

    static Element add(Element parent, String localName, String text) {
        Element child = add(parent, localName);
        child.setTextContent(text);
        return child;
    }

    /** The response document as Informz sends it: a UTF-16 declaration, although it travels as a string. */
    static String toResultDocument(Element root) {
        try {
            TextBuffer out = new TextBuffer(16 * 1024);
            XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out);
            writer.writeStartDocument("utf-16", "1.0");
            write(root, writer, null);
            writer.writeEndDocument();
            writer.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An element without an XML declaration, e.g. a payload about to be compressed. */
    static String toFragment(Element element) {
        try {
            TextBuffer out = new TextBuffer(16 * 1024);
            XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out);
            write(element, writer, null);
            // Ends a pending empty element, which StAX would otherwise never terminate.
            writer.writeEndDocument();
            writer.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    static XMLStreamWriter writer(java.io.Writer out) throws XMLStreamException {
        return OUTPUT.createXMLStreamWriter(out);
    }

    private static void write(Element element, XMLStreamWriter writer, String inheritedNamespace)
            throws XMLStreamException {
        String namespace = element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
        boolean empty = element.getFirstChild() == null;
        if (empty) {
            writer.writeEmptyElement(element.getLocalName());
        } else {
            writer.writeStartElement(element.getLocalName());
        }
        if (!namespace.equals(inheritedNamespace == null ? "" : inheritedNamespace)) {
            writer.writeDefaultNamespace(namespace);
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                writer.writeNamespace(attribute.getLocalName(), attribute.getValue());
            } else if (attribute.getNamespaceURI() != null) {
                writer.writeAttribute(attribute.getPrefix(), attribute.getNamespaceURI(), attribute.getLocalName(),
                        attribute.getValue());
            } else {
                writer.writeAttribute(attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName(),
                        attribute.getValue());
            }
        }
        if (empty) {
            return;
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.ELEMENT_NODE -> write((Element) n, writer, namespace);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> writer.writeCharacters(n.getNodeValue());
                default -> {
                }
            }
        }
        writer.writeEndElement();
    }
}

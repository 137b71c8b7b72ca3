package com.idss.informzsync.infrastructure.informz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** The hand-written serializer must write what the JDK's StAX writer wrote before it, byte for byte. */
class AapiXmlTest {

    private static final String AWKWARD = "Ben & Jerry's <\"Ice\"> café ]]> \u00e9\u4e2d\ud83d\ude00 \t tab";
    /** Attribute values are normalized when read (a tab becomes a space), as they always were. */
    private static final String AWKWARD_NAME = AWKWARD.replace('\t', ' ');

    @Test
    void writesWhatTheStaxWriterWrites() throws Exception {
        Document document = AapiXml.newDocument();
        Element root = AapiXml.root(document, "ActionRequest");
        AapiXml.add(root, "Brand", "Brand & Co").setAttribute("id", "4\"2<&>");
        AapiXml.add(root, "Empty");
        Element subscriber = AapiXml.add(AapiXml.add(root, "Subscribers"), "Subscriber");
        AapiXml.add(subscriber, "Email", "a&b@example.com");
        Element fields = AapiXml.add(subscriber, "Fields");
        AapiXml.add(fields, "Field", AWKWARD).setAttribute("element", AWKWARD);
        AapiXml.add(fields, "Field", "").setAttribute("element", "blank");
        Element foreign = document.createElementNS("urn:other", "Foreign");
        foreign.appendChild(document.createElementNS(AapiXml.AAPI_NS, "Back"));
        root.appendChild(foreign);
        root.appendChild(document.createElementNS(null, "NoNamespace"));

        assertEquals(withStax(root), AapiXml.serialize(root));
    }

    @Test
    void whatItWritesReadsBackAsTheSameText() throws Exception {
        Document document = AapiXml.newDocument();
        Element root = AapiXml.root(document, "ActionRequest");
        AapiXml.add(root, "Field", AWKWARD).setAttribute("element", AWKWARD_NAME);

        Element read = AapiXml.parse(AapiXml.serialize(root)).getDocumentElement();
        Element field = AapiXml.child(read, "Field");
        assertEquals(AWKWARD, field.getTextContent());
        assertEquals(AWKWARD_NAME, field.getAttribute("element"));
        assertEquals(AapiXml.AAPI_NS, read.getNamespaceURI());
    }

    /** The serializer AapiXml used until the fifth session, kept here as the reference. */
    private static String withStax(Element element) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        write(element, writer, null);
        writer.writeEndDocument();
        writer.close();
        return out.toString();
    }

    private static void write(Element element, XMLStreamWriter writer, String inheritedNamespace) throws XMLStreamException {
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
            writer.writeAttribute(attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName(),
                    attribute.getValue());
        }
        if (empty) {
            return;
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                write((Element) n, writer, namespace);
            } else if (n.getNodeType() == Node.TEXT_NODE) {
                writer.writeCharacters(n.getNodeValue());
            }
        }
        writer.writeEndElement();
    }
}

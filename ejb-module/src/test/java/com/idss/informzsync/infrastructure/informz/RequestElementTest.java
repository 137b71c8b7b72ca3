package com.idss.informzsync.infrastructure.informz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Request documents must be written as the JDK's StAX writer wrote their DOM before, byte for byte. */
class RequestElementTest {

    private static final String AWKWARD = "Ben & Jerry's <\"Ice\"> café ]]> \u00e9\u4e2d\ud83d\ude00 \t tab";
    /** Attribute values are normalized when read (a tab becomes a space), as they always were. */
    private static final String AWKWARD_NAME = AWKWARD.replace('\t', ' ');

    @Test
    void writesWhatTheStaxWriterWroteForTheSameDom() throws Exception {
        Both root = Both.root("ActionRequest");
        root.add("Brand", "Brand & Co").attribute("id", "4\"2<&>");
        root.add("Empty");
        Both subscriber = root.add("Subscribers").add("Subscriber");
        subscriber.add("Email", "a&b@example.com");
        Both fields = subscriber.add("Fields");
        fields.add("Field", AWKWARD).attribute("element", AWKWARD);
        fields.add("Field", "").attribute("element", "blank");
        fields.add("Field", null).attribute("element", "null");
        root.add("Replaced", "first").attribute("order", "asc").attribute("order", "desc").text("second");

        assertEquals(withStax(root.dom), root.request.serialize());
    }

    @Test
    void whatItWritesReadsBackAsTheSameText() throws Exception {
        RequestElement root = RequestElement.root("ActionRequest");
        root.add("Field", AWKWARD).attribute("element", AWKWARD_NAME);

        Element read = AapiXml.parse(root.serialize()).getDocumentElement();
        Element field = AapiXml.child(read, "Field");
        assertEquals(AWKWARD, field.getTextContent());
        assertEquals(AWKWARD_NAME, field.getAttribute("element"));
        assertEquals(AapiXml.AAPI_NS, read.getNamespaceURI());
    }

    @Test
    void compressedChildrenDecompressToTheSameElementsInTheAapiNamespace() throws Exception {
        RequestElement root = RequestElement.root("ActionRequest");
        RequestElement container = root.add("Actions");
        container.add("Subscribe").add("Email", AWKWARD);
        container.add("Optout").add("Email", "b@example.com");
        container.compressChildren();

        Element sent = AapiXml.child(AapiXml.parse(root.serialize()).getDocumentElement(), "Actions");
        List<Element> actions = AapiXml.decompressChildren(sent);

        assertEquals(List.of("Subscribe", "Optout"), actions.stream().map(Element::getLocalName).toList());
        assertEquals(List.of(AapiXml.AAPI_NS, AapiXml.AAPI_NS), actions.stream().map(Element::getNamespaceURI).toList());
        assertEquals(AWKWARD, AapiXml.child(actions.get(0), "Email").getTextContent());
    }

    /** The same element built as a request element and as the namespace-aware DOM the client used to build. */
    private record Both(RequestElement request, Element dom) {

        static Both root(String name) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().newDocument();
            Element root = document.createElementNS(AapiXml.AAPI_NS, name);
            document.appendChild(root);
            return new Both(RequestElement.root(name), root);
        }

        Both add(String name) {
            Element child = dom.getOwnerDocument().createElementNS(AapiXml.AAPI_NS, name);
            dom.appendChild(child);
            return new Both(request.add(name), child);
        }

        Both add(String name, String text) {
            return add(name).text(text);
        }

        Both text(String text) {
            request.text(text);
            dom.setTextContent(text);
            return this;
        }

        Both attribute(String name, String value) {
            request.attribute(name, value);
            dom.setAttribute(name, value);
            return this;
        }
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

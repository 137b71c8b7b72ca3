package com.idss.informzsync.infrastructure.informz;

import java.util.ArrayList;
import java.util.List;

/**
 * An element of a request document as the client builds it: a name, at most a few attributes, text or
 * children. A 500-subscriber Subscribe is about 5,000 elements; as a namespace-aware DOM, creating
 * and then walking them was a tenth of the server's CPU in a 100,000-contact sync. Every element is
 * in the AAPI namespace, declared once on the root. Written as the JDK's StAX writer wrote the same
 * document as a DOM (a test holds the two to the same text).
 */
final class RequestElement {

    private final String name;
    private List<String> attributes; // name, value, name, value …: requests carry one at most
    private String text;
    private List<RequestElement> children;

    private RequestElement(String name) {
        this.name = name;
    }

    /** The document's root, which declares the AAPI namespace for all of it. */
    static RequestElement root(String name) {
        return new RequestElement(name);
    }

    /** A new last child. */
    RequestElement add(String childName) {
        RequestElement child = new RequestElement(childName);
        if (children == null) {
            children = new ArrayList<>();
        }
        children.add(child);
        return child;
    }

    /** A new last child holding the text ({@code null} or empty: no text, as DOM's setTextContent). */
    RequestElement add(String childName, String childText) {
        return add(childName).text(childText);
    }

    /** Replaces the element's children and text by this text. */
    RequestElement text(String newText) {
        children = null;
        text = newText == null || newText.isEmpty() ? null : newText;
        return this;
    }

    RequestElement attribute(String attributeName, String value) {
        if (attributes == null) {
            attributes = new ArrayList<>(2);
        }
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(attributeName)) {
                attributes.set(i + 1, value);
                return this;
            }
        }
        attributes.add(attributeName);
        attributes.add(value);
        return this;
    }

    /**
     * The children as one text: base64(LE int32 length + gzip(UTF-8 of their markup)), each child
     * declaring the namespace, as each is a document of its own once decompressed.
     */
    void compressChildren() {
        StringBuilder payload = new StringBuilder();
        if (children != null) {
            children.forEach(child -> child.write(payload, true));
        }
        text(AapiXml.encode(payload.toString()));
    }

    /** The document as text, the namespace declared on this, its root. */
    String serialize() {
        StringBuilder out = new StringBuilder(1024);
        write(out, true);
        return out.toString();
    }

    private void write(StringBuilder out, boolean declareNamespace) {
        out.append('<').append(name);
        if (declareNamespace) {
            out.append(" xmlns=\"").append(AapiXml.AAPI_NS).append('"');
        }
        if (attributes != null) {
            for (int i = 0; i < attributes.size(); i += 2) {
                out.append(' ').append(attributes.get(i)).append("=\"");
                AapiXml.appendEscapedAttribute(out, attributes.get(i + 1)).append('"');
            }
        }
        if (text == null && children == null) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (text != null) {
            AapiXml.appendEscapedText(out, text);
        } else {
            children.forEach(child -> child.write(out, false));
        }
        out.append("</").append(name).append('>');
    }
}

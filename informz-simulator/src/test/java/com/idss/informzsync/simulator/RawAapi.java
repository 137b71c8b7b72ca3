package com.idss.informzsync.simulator;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Drives the simulator with hand-written documents, so its strictness is tested independently of any client. */
final class RawAapi {

    /** HTTP status, and either the parsed result document or the fault code. */
    record Answer(int status, Document result, String faultCode, String body) {
        String text(String localName) {
            NodeList nodes = result.getElementsByTagNameNS("*", localName);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }
    }

    static final String NS = "http://partner.informz.net/aapi/2009/08/";
    static final String HEADER = "<Brand id=\"4711\">Example Visitors Bureau</Brand><User>api_user</User><Password>secret</Password>";

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RawAapi(URI endpoint) {
        this.endpoint = endpoint;
    }

    static String action(String body) {
        return "<ActionRequest xmlns=\"" + NS + "\">" + HEADER + "<Actions>" + body + "</Actions></ActionRequest>";
    }

    static String grid(String body) {
        return "<GridRequest xmlns=\"" + NS + "\">" + HEADER + "<Grids>" + body + "</Grids></GridRequest>";
    }

    Answer post(String document) throws Exception {
        StringWriter envelope = new StringWriter();
        XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(envelope);
        writer.writeStartElement("s", "Envelope", Xml.SOAP_NS);
        writer.writeNamespace("s", Xml.SOAP_NS);
        writer.writeStartElement("s", "Body", Xml.SOAP_NS);
        writer.writeStartElement("PostInformzMessage");
        writer.writeDefaultNamespace(NS);
        writer.writeStartElement("x");
        writer.writeCharacters(document);
        writer.writeEndDocument();
        writer.close();
        return postEnvelope(envelope.toString());
    }

    /** Posts a SOAP envelope exactly as given. */
    Answer postEnvelope(String envelope) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document soap;
        try {
            soap = factory.newDocumentBuilder().parse(new InputSource(new StringReader(response.body())));
        } catch (Exception notXml) {
            return new Answer(response.statusCode(), null, null, response.body());
        }
        NodeList codes = soap.getElementsByTagNameNS(NS, "Code");
        if (codes.getLength() > 0) {
            return new Answer(response.statusCode(), null, codes.item(0).getTextContent(), response.body());
        }
        Element result = (Element) soap.getElementsByTagNameNS(NS, "PostInformzMessageResult").item(0);
        if (result == null) {
            return new Answer(response.statusCode(), null, null, response.body());
        }
        Document inner = factory.newDocumentBuilder().parse(new InputSource(new StringReader(result.getTextContent())));
        return new Answer(response.statusCode(), inner, null, result.getTextContent());
    }
}

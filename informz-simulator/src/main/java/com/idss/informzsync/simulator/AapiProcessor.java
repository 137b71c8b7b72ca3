package com.idss.informzsync.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Turns one AAPI request document (the text of {@code <x>}) into its response document, or an {@link AapiFault}.
 * Parses, checks the envelope, brand and credentials, and dispatches: actions to {@link ActionAnswers}, BulkUpload
 * to {@link UploadAnswers}, grids to {@link GridEngine}.
 */
final class AapiProcessor {

    /** What the call log needs to know about a processed document besides the answer. */
    record Outcome(String summary, String responseDocument) {
    }

    private final SimulatorConfig config;
    private final SimulatorState state;
    private final GridEngine grids;
    private final ActionAnswers actions;
    private final UploadAnswers uploads;
    private final Supplier<Boolean> callerIpAllowed;

    AapiProcessor(SimulatorConfig config, SimulatorState state, ScheduledExecutorService uploadScheduler,
            Supplier<UnknownInterestMode> unknownInterestMode, Supplier<Duration> bulkUploadDelay,
            Supplier<Boolean> callerIpAllowed) {
        this.config = config;
        this.state = state;
        this.grids = new GridEngine(state, config.brandId());
        this.actions = new ActionAnswers(state, unknownInterestMode);
        this.uploads = new UploadAnswers(state, actions, uploadScheduler, unknownInterestMode, bulkUploadDelay);
        this.callerIpAllowed = callerIpAllowed;
    }

    Outcome process(String requestText) {
        Document request;
        try {
            request = Xml.parse(requestText);
        } catch (SAXException e) {
            throw new AapiFault("InvalidDocumentException", "The document is not well-formed XML: " + e.getMessage());
        }
        Element root = request.getDocumentElement();
        if (root.getNamespaceURI() == null || root.getNamespaceURI().isEmpty()) {
            throw new AapiFault("NoNameSpaceSpecifiedException",
                    "The document must declare the namespace " + Xml.AAPI_NS);
        }
        if (!Xml.AAPI_NS.equals(root.getNamespaceURI())) {
            throw new AapiFault("NoNameSpaceSpecifiedException",
                    "Unexpected namespace " + root.getNamespaceURI() + "; expected " + Xml.AAPI_NS);
        }
        boolean action = "ActionRequest".equals(root.getLocalName());
        if (!action && !"GridRequest".equals(root.getLocalName())) {
            throw new AapiFault("UnknownRequestException", "Unknown request '" + root.getLocalName() + "'");
        }
        Header header = header(root, action ? "Actions" : "Grids");
        authenticate(header);

        Document response = Xml.newDocument();
        Element responseRoot = response.createElementNS(Xml.AAPI_NS, action ? "ActionResponse" : "GridResponse");
        responseRoot.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsd", Xml.XSD_NS);
        responseRoot.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", Xml.XSI_NS);
        response.appendChild(responseRoot);
        Element brand = Xml.add(responseRoot, "Brand", header.brandName);
        brand.setAttribute("id", header.brandId);
        Xml.add(responseRoot, "User", header.user);
        Element container = Xml.add(responseRoot, action ? "Responses" : "Grids");

        boolean compressed = !Xml.hasElementChildren(header.container) && !header.container.getTextContent().isBlank();
        List<Element> items = compressed ? decompress(header.container) : Xml.children(header.container);
        if (items.isEmpty()) {
            throw AapiFault.insufficient("<" + header.container.getLocalName() + "> is empty");
        }
        List<String> names = new ArrayList<>();
        synchronized (state) {
            for (Element item : items) {
                if (action) {
                    names.add(item.getLocalName());
                    state.changed();
                    container.appendChild(act(item, response, header.user));
                } else {
                    if (!"Grid".equalsIgnoreCase(item.getLocalName())) {
                        throw AapiFault.unexpected("Unexpected <" + item.getLocalName() + "> in <Grids>");
                    }
                    names.add("grid:" + item.getAttribute("type"));
                    Element grid = response.createElementNS(Xml.AAPI_NS, "Grid");
                    grid.setAttribute("type", item.getAttribute("type"));
                    grids.answer(item, grid);
                    container.appendChild(grid);
                }
            }
        }
        if (compressed) {
            StringBuilder payload = new StringBuilder();
            for (Element child : Xml.children(container)) {
                // Cut from the root, a payload must carry the xsi/xsd declarations its xsi:type attributes rely on.
                child.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsd", Xml.XSD_NS);
                child.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", Xml.XSI_NS);
                payload.append(Xml.toFragment(child));
            }
            while (container.getFirstChild() != null) {
                container.removeChild(container.getFirstChild());
            }
            container.setTextContent(PayloadCodec.encode(payload.toString()));
        }
        return new Outcome(String.join(",", names) + (compressed ? " (compressed)" : ""),
                Xml.toResultDocument(responseRoot));
    }

    private record Header(String brandId, String brandName, String user, String password, Element container) {
    }

    private Header header(Element root, String containerName) {
        String brandId = null;
        String brandName = null;
        String user = null;
        String password = null;
        Element container = null;
        for (Element child : Xml.children(root)) {
            switch (child.getLocalName()) {
                case "Brand" -> {
                    brandId = child.hasAttribute("id") ? child.getAttribute("id").trim() : null;
                    brandName = child.getTextContent().trim();
                }
                case "User", "Username" -> user = child.getTextContent().trim();
                case "Password" -> password = child.getTextContent();
                default -> {
                    if (child.getLocalName().equals(containerName)) {
                        container = child;
                    } else {
                        throw AapiFault.unexpected("Unexpected <" + child.getLocalName() + "> in <" + root.getLocalName() + ">");
                    }
                }
            }
        }
        if (brandId == null || brandId.isEmpty()) {
            throw new AapiFault("BrandNotFoundException", "Brand id attribute is required");
        }
        if (container == null) {
            throw AapiFault.insufficient("<" + containerName + "> is required");
        }
        return new Header(brandId, brandName, user, password, container);
    }

    private void authenticate(Header header) {
        boolean nameMatches = header.brandName.isEmpty() || header.brandName.equalsIgnoreCase(config.brandName());
        if (!header.brandId.equals(config.brandId()) || !nameMatches) {
            throw new AapiFault("BrandNotFoundException", "Brand " + header.brandId + " was not found");
        }
        if (!callerIpAllowed.get()) {
            throw new AapiFault("NoAvailableIPAddressException",
                    "Brand " + header.brandId + " is not valid for this origin");
        }
        if (header.user == null || !header.user.equalsIgnoreCase(config.user())) {
            throw new AapiFault("ValidUserNotFoundException", "No valid user '" + header.user + "' for this brand");
        }
        if (header.password == null || !header.password.equals(config.password())) {
            throw new AapiFault("InvalidCredentialsException", "Invalid credentials for user " + header.user);
        }
    }

    /** Compressed fragments may or may not carry xmlns; a wrapper in the AAPI namespace makes both parse alike. */
    private static List<Element> decompress(Element container) {
        String fragment = PayloadCodec.decode(container.getTextContent());
        Document wrapped;
        try {
            Document holder = Xml.newDocument();
            Element wrapper = holder.createElementNS(Xml.AAPI_NS, "Payload");
            holder.appendChild(wrapper);
            String wrapperText = Xml.toFragment(wrapper);
            int cut = wrapperText.endsWith("/>") ? wrapperText.length() - 2 : wrapperText.indexOf('>');
            wrapped = Xml.parse(wrapperText.substring(0, cut) + ">" + fragment + "</Payload>");
        } catch (SAXException e) {
            throw new AapiFault("InvalidDocumentException", "The compressed payload is not well-formed XML");
        }
        return Xml.children(wrapped.getDocumentElement());
    }

    private Element act(Element item, Document response, String user) {
        Element result = response.createElementNS(Xml.AAPI_NS, item.getLocalName());
        Instant now = Instant.now();
        switch (item.getLocalName()) {
            case "Subscribe" -> actions.subscribe(item, result, now);
            case "Optout" -> actions.optout(item, result, now);
            case "Unsubscribe" -> actions.unsubscribe(item, result, now);
            case "BulkUpload" -> uploads.bulkUpload(item, result, now, user);
            default -> throw new AapiFault("UnknownActionException", "Unknown action '" + item.getLocalName() + "'");
        }
        return result;
    }
}

package com.idss.informzsync.infrastructure.informz;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The records of a usual grid answer, read as they stream by: a DOM of each 1,000-row page was half
 * of what reading back 100,000 subscriber ids cost the server. Reads exactly what the DOM way reads
 * (every element of a grid is a record; its first {@code Fields} holds one element per field) and
 * gives up on anything else (a status, compressed grids, markup in a field, a row that is no
 * number), leaving it to the DOM way, which checks and explains.
 */
final class GridPageStream {

    private static final int RESPONSE = 1;
    private static final int CONTAINER = 2;
    // 3: the grids themselves
    private static final int RECORD = 4;
    private static final int FIELDS = 5;

    private GridPageStream() {
    }

    /** The records, or empty when the answer is not a plain grid answer. */
    static Optional<List<GridRecord>> records(String document) {
        try {
            XMLStreamReader reader = AapiXml.reader(new StringReader(document));
            try {
                return Optional.ofNullable(read(reader));
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<GridRecord> read(XMLStreamReader reader) throws XMLStreamException {
        List<GridRecord> rows = new ArrayList<>();
        int depth = 0;
        boolean inContainer = false;
        boolean containerSeen = false;
        boolean fieldsSeen = false;
        boolean inFields = false;
        String row = null;
        Map<String, String> fields = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> {
                    return null;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (inContainer && depth == CONTAINER && !reader.isWhiteSpace()) {
                        return null; // compressed grids: the DOM way decompresses them
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    String name = reader.getLocalName();
                    if (depth == RESPONSE && !"GridResponse".equals(name)) {
                        return null;
                    } else if (depth == CONTAINER && !containerSeen && "Grids".equalsIgnoreCase(name)) {
                        inContainer = true;
                        containerSeen = true;
                    } else if (inContainer && depth == RECORD) {
                        if ("Status".equalsIgnoreCase(name)) {
                            return null; // the DOM way checks it and reports a failure
                        }
                        row = reader.getAttributeValue(null, "row");
                        fields = new LinkedHashMap<>();
                        fieldsSeen = false;
                    } else if (inContainer && depth == FIELDS && !fieldsSeen && "Fields".equalsIgnoreCase(name)) {
                        fieldsSeen = true;
                        inFields = true;
                    } else if (inFields && depth == FIELDS + 1) {
                        String element = reader.getAttributeValue(null, "element");
                        // Throws on a child element: markup in a field is for the DOM way.
                        fields.put(element == null ? "" : element, reader.getElementText());
                        depth--;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (inContainer && depth == RECORD) {
                        rows.add(new GridRecord(row == null || row.isBlank() ? rows.size() + 1 : Integer.parseInt(row.trim()),
                                fields));
                    } else if (inFields && depth == FIELDS) {
                        inFields = false;
                    } else if (inContainer && depth == CONTAINER) {
                        inContainer = false;
                    }
                    depth--;
                }
                default -> {
                }
            }
        }
        return containerSeen ? rows : null;
    }
}

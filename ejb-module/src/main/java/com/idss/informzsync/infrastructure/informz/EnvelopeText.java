package com.idss.informzsync.infrastructure.informz;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AAPI document travels as the escaped text of one element of the SOAP envelope, both ways. A
 * 500-subscriber Subscribe or a 1,000-row grid page is 100 KB of it, and a generic XML writer or
 * reader handles it one character (one entity reference) at a time: a fifth of the server's CPU in
 * a 100,000-contact sync. This writes and reads that text directly, and leaves everything unusual
 * to the XML parser.
 */
final class EnvelopeText {

    private static final String RESULT_OPEN = "<PostInformzMessageResult>";
    private static final String RESULT_CLOSE = "</PostInformzMessageResult>";
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']");

    /**
     * The envelope around the result as last found well-formed. Informz sends the same one every
     * time, and creating a streaming reader to check a small answer's frame again took 2 % of the
     * server's CPU in steady saves.
     */
    private static volatile String lastWellFormedFrame;

    private EnvelopeText() {
    }

    private static final byte[] REQUEST_OPEN = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\""
            + AapiXml.SOAP_NS + "\"><s:Body><PostInformzMessage xmlns=\"" + AapiXml.AAPI_NS + "\"><x>")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST_CLOSE = "</x></PostInformzMessage></s:Body></s:Envelope>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AMP = "&amp;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LT = "&lt;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GT = "&gt;".getBytes(StandardCharsets.US_ASCII);

    /**
     * The request envelope as the UTF-8 bytes sent: constant markup around the document, escaped.
     * The document is encoded by {@link String#getBytes} (for text without accents a copy of the
     * string's own bytes) and escaped in one copy sized to fit: no byte of a multi-byte UTF-8
     * sequence is ASCII, so the three characters to escape are found byte by byte. Still about 6 % of
     * the server's samples in a 100,000-contact sync, as escaping char by char while encoding was: a
     * Subscribe of 500 is about 250 KB.
     */
    static byte[] wrap(String document) {
        byte[] plain = document.getBytes(StandardCharsets.UTF_8);
        int added = 0; // by the references: "&amp;" is 4 bytes more than '&', "&lt;" and "&gt;" 3
        for (byte b : plain) {
            if (b == '&') {
                added += AMP.length - 1;
            } else if (b == '<' || b == '>') {
                added += LT.length - 1;
            }
        }
        byte[] out = new byte[REQUEST_OPEN.length + plain.length + added + REQUEST_CLOSE.length];
        System.arraycopy(REQUEST_OPEN, 0, out, 0, REQUEST_OPEN.length);
        int at = REQUEST_OPEN.length;
        for (byte b : plain) {
            switch (b) {
                case '&' -> at = put(out, at, AMP);
                case '<' -> at = put(out, at, LT);
                case '>' -> at = put(out, at, GT);
                default -> out[at++] = b;
            }
        }
        System.arraycopy(REQUEST_CLOSE, 0, out, at, REQUEST_CLOSE.length);
        return out;
    }

    private static int put(byte[] out, int at, byte[] reference) {
        System.arraycopy(reference, 0, out, at, reference.length);
        return at + reference.length;
    }

    /**
     * The result document of a usual answer: an unprefixed {@code PostInformzMessageResult} holding
     * text only, in a UTF-8 envelope that is well-formed around it. Empty for anything else (a fault,
     * CDATA, another encoding, an entity only a DTD defines): the caller then reads it with the parser.
     */
    static Optional<String> resultOf(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!declaresUtf8OrNothing(text)) {
            return Optional.empty();
        }
        int open = text.indexOf(RESULT_OPEN);
        int close = text.lastIndexOf(RESULT_CLOSE);
        if (open < 0 || close < open + RESULT_OPEN.length()) {
            return Optional.empty();
        }
        int from = open + RESULT_OPEN.length();
        if (text.indexOf('<', from) < close) {
            return Optional.empty(); // markup inside: CDATA, comments, or not what we expect
        }
        // The envelope around the text must stand on its own: parsed without the text, it is small.
        String frame = text.substring(0, from) + text.substring(close);
        if (!frame.equals(lastWellFormedFrame)) {
            if (AapiXml.streamedText(frame.getBytes(StandardCharsets.UTF_8), "PostInformzMessageResult", "Fault").isEmpty()) {
                return Optional.empty();
            }
            lastWellFormedFrame = frame;
        }
        return unescape(text, from, close);
    }

    /**
     * As a parser reads character data: references resolved, line ends normalized to \n. The runs
     * between references are copied whole, and a reference's name is compared where it stands: a grid
     * answer of 1,000 rows holds tens of thousands of references.
     */
    static Optional<String> unescape(String text, int from, int to) {
        StringBuilder plain = new StringBuilder(to - from);
        int copied = from;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '&') {
                int end = text.indexOf(';', i);
                if (end < 0 || end >= to) {
                    return Optional.empty();
                }
                plain.append(text, copied, i);
                if (!appendReference(plain, text, i + 1, end)) {
                    return Optional.empty();
                }
                i = end + 1;
                copied = i;
            } else if (c == '\r') {
                plain.append(text, copied, i).append('\n');
                i += i + 1 < to && text.charAt(i + 1) == '\n' ? 2 : 1;
                copied = i;
            } else {
                i++;
            }
        }
        return Optional.of(plain.append(text, copied, to).toString());
    }

    /** The reference named by {@code text[from, to)}, between its '&amp;' and its ';'. */
    private static boolean appendReference(StringBuilder plain, String text, int from, int to) {
        if (isName(text, from, to, "lt")) {
            plain.append('<');
        } else if (isName(text, from, to, "gt")) {
            plain.append('>');
        } else if (isName(text, from, to, "amp")) {
            plain.append('&');
        } else if (isName(text, from, to, "quot")) {
            plain.append('"');
        } else if (isName(text, from, to, "apos")) {
            plain.append('\'');
        } else {
            if (to - from < 2 || text.charAt(from) != '#') {
                return false;
            }
            try {
                int codePoint = text.charAt(from + 1) == 'x' ? Integer.parseInt(text, from + 2, to, 16)
                        : Integer.parseInt(text, from + 1, to, 10);
                plain.appendCodePoint(codePoint);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isName(String text, int from, int to, String name) {
        return to - from == name.length() && text.startsWith(name, from);
    }

    private static boolean declaresUtf8OrNothing(String text) {
        if (!text.startsWith("<?xml")) {
            return true;
        }
        int end = text.indexOf("?>");
        Matcher encoding = ENCODING.matcher(end < 0 ? text : text.substring(0, end));
        return !encoding.find() || encoding.group(1).equalsIgnoreCase("utf-8");
    }
}

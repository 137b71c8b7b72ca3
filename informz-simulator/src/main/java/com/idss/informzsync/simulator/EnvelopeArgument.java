package com.idss.informzsync.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The usual request's argument read without streaming its 100 KB through the XML parser, which
 * handles it one entity reference at a time (a fifth of the simulator's CPU in a 100,000-contact
 * sync). It takes the escaped text between {@code <x>} and {@code </x>} of a UTF-8 envelope, lets the
 * parser check the envelope around it (with the text cut out, it is small) and that this element is
 * the argument, and unescapes the text itself. Anything it is not sure of (another encoding, CDATA, comments or markup inside, an entity it
 * does not know, a carriage return the parser would normalize, a character XML forbids) is left to the
 * parser: the answer, faults included, is the parser's.
 */
final class EnvelopeArgument {

    private static final String OPEN = "<x>";
    private static final String CLOSE = "</x>";

    private EnvelopeArgument() {
    }

    /**
     * @param parse the parser's reading of an envelope (its argument, or a fault), used for the frame
     * @return the argument, or empty when the parser must read the whole envelope
     */
    static Optional<String> read(byte[] body, Function<byte[], String> parse) {
        String text = strictUtf8(body);
        if (text == null || !declaresUtf8OrNothing(text)) {
            return Optional.empty();
        }
        int open = text.indexOf(OPEN);
        int close = text.lastIndexOf(CLOSE);
        if (open < 0 || close < open + OPEN.length()) {
            return Optional.empty();
        }
        int from = open + OPEN.length();
        if (text.indexOf('<', from) < close) {
            return Optional.empty(); // markup inside, or two arguments: the parser decides
        }
        Optional<String> argument = unescape(text, from, close);
        if (argument.isEmpty()) {
            return Optional.empty();
        }
        // The frame must be a well-formed request whose argument is the element whose text was cut out:
        // a marker no request holds stands in for the text, and the parser must find it there.
        String marker = "frame-" + UUID.randomUUID();
        byte[] frame = (text.substring(0, from) + marker + text.substring(close)).getBytes(StandardCharsets.UTF_8);
        try {
            return marker.equals(parse.apply(frame)) ? argument : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean declaresUtf8OrNothing(String text) {
        if (!text.startsWith("<?xml")) {
            return text.startsWith("<");
        }
        int end = text.indexOf("?>");
        if (end < 0) {
            return false;
        }
        String declaration = text.substring(0, end).toLowerCase(Locale.ROOT).replace('\'', '"');
        return !declaration.contains("encoding") || declaration.matches(".*encoding\\s*=\\s*\"utf-8\".*");
    }

    /** The text with its references replaced; empty for anything the parser treats otherwise than as plain text. */
    static Optional<String> unescape(String text, int from, int to) {
        StringBuilder plain = new StringBuilder(to - from);
        int copied = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '&') {
                int end = text.indexOf(';', i);
                if (end < 0 || end >= to) {
                    return Optional.empty();
                }
                int codePoint = reference(text, i + 1, end);
                if (codePoint < 0) {
                    return Optional.empty();
                }
                plain.append(text, copied, i).appendCodePoint(codePoint);
                copied = end + 1;
                i = end;
            } else if (c == '>' && i >= from + 2 && text.charAt(i - 1) == ']' && text.charAt(i - 2) == ']') {
                return Optional.empty(); // "]]>" may not appear in text: the parser refuses it
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a character beyond the BMP, as a pair
            } else if (!plainXmlChar(c)) {
                return Optional.empty();
            }
        }
        return Optional.of(plain.append(text, copied, to).toString());
    }

    /** The code point a reference names (between '&' and ';'), or -1 when the parser would decide otherwise. */
    private static int reference(String text, int from, int to) {
        String name = text.substring(from, to);
        switch (name) {
            case "lt":
                return '<';
            case "gt":
                return '>';
            case "amp":
                return '&';
            case "quot":
                return '"';
            case "apos":
                return '\'';
            default:
                break;
        }
        if (name.length() < 2 || name.charAt(0) != '#') {
            return -1;
        }
        boolean hex = name.charAt(1) == 'x';
        String digits = name.substring(hex ? 2 : 1);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(d -> Character.digit(d, hex ? 16 : 10) >= 0)) {
            return -1;
        }
        int codePoint = Integer.parseInt(digits, hex ? 16 : 10);
        boolean allowed = codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || codePoint >= 0x20 && codePoint <= 0xD7FF || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
        return allowed ? codePoint : -1;
    }

    /**
     * A char the parser passes on as it is: no carriage return (it would be normalized), nothing XML
     * forbids, no lone surrogate.
     */
    private static boolean plainXmlChar(char c) {
        return c == '\t' || c == '\n' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
    }
}

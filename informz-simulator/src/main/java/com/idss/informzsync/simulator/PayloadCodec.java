package com.idss.informzsync.simulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Section 2.5 compression: base64( uncompressed length as little-endian int32 + gzip(UTF-8 payload) ). */
final class PayloadCodec {

    private PayloadCodec() {
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

    static String decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new AapiFault("InvalidDocumentException", "compressed payload is not base64");
        }
        if (bytes.length < 5) {
            throw new AapiFault("InvalidDocumentException", "compressed payload too short");
        }
        int declaredLength = ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] plain;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes, 4, bytes.length - 4))) {
            plain = gzip.readAllBytes();
        } catch (IOException e) {
            throw new AapiFault("InvalidDocumentException", "compressed payload is not gzip");
        }
        if (plain.length != declaredLength) {
            throw new AapiFault("InvalidDocumentException",
                    "compressed payload length prefix " + declaredLength + " does not match " + plain.length);
        }
        return new String(plain, StandardCharsets.UTF_8);
    }
}

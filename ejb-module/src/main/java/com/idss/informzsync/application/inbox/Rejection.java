package com.idss.informzsync.application.inbox;

import java.util.List;

/**
 * A refusal with every reason found, plus whatever envelope fields could be read (each may be
 * null), so the reply and the console can still say which message it was.
 */
public record Rejection(RejectionCode code, List<String> reasons, String sender, String messageId,
        String messageType, String correlationId) {

    public Rejection {
        reasons = List.copyOf(reasons);
    }

    static Rejection of(RejectionCode code, String reason) {
        return new Rejection(code, List.of(reason), null, null, null, null);
    }

    static Rejection of(RejectionCode code, List<String> reasons, Envelope envelope) {
        return new Rejection(code, reasons, envelope.sender(), envelope.messageId(), envelope.type().wireName(),
                envelope.correlationId());
    }
}

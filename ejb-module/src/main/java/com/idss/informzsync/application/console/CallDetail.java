package com.idss.informzsync.application.console;

/** One Informz call with both documents; the request is stored with the password redacted. */
public record CallDetail(CallRow call, String requestDocument, String responseDocument) {
}

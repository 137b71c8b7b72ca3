package com.idss.informzsync.application.sync;

/** CDI event: a sync message was fully handled (Informz called, state written). */
public record SyncMessageHandled(SyncMessage message) {
}

package com.idss.informzsync.application.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Consumes one sync message: brings Informz in line with the current CRM state. */
@ApplicationScoped
public class SyncMessageHandler {

    @Inject
    InformzGateway informz;

    @Inject
    Event<SyncMessageHandled> handled;

    public void handle(SyncMessage message) {
        informz.push(message);
        handled.fire(new SyncMessageHandled(message));
    }
}
